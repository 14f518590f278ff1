import { jobSignature, MAX_BODY_BYTES } from "@org/soap-edge-api";
import { SECRETS, WEBHOOK_SECRET_HEADER } from "../harness.js";
import { postWebhook, signedWebhookPath } from "../webhooks.js";
import { PREVIOUS_WEBHOOK_SECRET, RETIRED_WEBHOOK_SECRET, type BadInput, type BadInputCtx } from "./types.js";

const REFUSED = { status: 401, code: "unauthorized", phrase: "webhook secret or job signature" } as const;
const completed = (c: BadInputCtx, transcriptId = c.transcriptId) => ({ transcript_id: transcriptId, status: "completed" });
/** A delivery for A's note at its signed URL (signed with `signWith`), with the header `secret` (null: none). */
const toNote = async (c: BadInputCtx, body: unknown, secret: string | null = SECRETS.webhookSecret, signWith = SECRETS.webhookSecret): Promise<Response> =>
  postWebhook(c.h, await signedWebhookPath(c.noteId, signWith), body, secret);
/** A raw POST to A's signed URL with the current secret's header. */
const rawToNote = async (c: BadInputCtx, contentType: string, body: string): Promise<Response> =>
  c.h.request(await signedWebhookPath(c.noteId), { method: "POST", headers: { "content-type": contentType, [WEBHOOK_SECRET_HEADER]: SECRETS.webhookSecret }, body });
/** 43 base64url characters that are no job's signature. */
const forgedSignature = (): string => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/**
 * Bad AssemblyAI webhook deliveries. Every one is authenticated per job (the job's HMAC signature in
 * the path and the secret header, both from the current or, during a rotation, the previous secret);
 * the body's problems are only looked at once that holds.
 */
export const WEBHOOK_BAD_INPUTS: BadInput[] = [
  // The secret header (the job's signature right)
  { name: "webhook without the secret header", send: (c) => toNote(c, completed(c), null), want: REFUSED },
  { name: "forged webhook secret", send: (c) => toNote(c, completed(c), `whsec_${crypto.randomUUID()}`), want: REFUSED },
  { name: "webhook header carrying the API key instead", send: (c) => toNote(c, completed(c), SECRETS.apiKey), want: REFUSED },
  { name: "webhook secret with one more character", send: (c) => toNote(c, completed(c), `${SECRETS.webhookSecret}x`), want: REFUSED },
  // The job signature (the header right)
  { name: "valid header, no job signature (the unsigned URL)", send: (c) => postWebhook(c.h, `/v1/webhooks/assemblyai?job=${c.noteId}`, completed(c)), want: REFUSED },
  { name: "valid header, forged job signature", send: (c) => postWebhook(c.h, `/v1/webhooks/assemblyai/${forgedSignature()}?job=${c.noteId}`, completed(c)), want: REFUSED },
  { name: "valid header, job signature of the wrong shape", send: (c) => postWebhook(c.h, `/v1/webhooks/assemblyai/abc?job=${c.noteId}`, completed(c)), want: REFUSED },
  {
    name: "valid header, another job's signature (a delivery replayed for this job)",
    send: async (c) => postWebhook(c.h, `/v1/webhooks/assemblyai/${await jobSignature(SECRETS.webhookSecret, c.otherNoteId)}?job=${c.noteId}`, completed(c)),
    want: REFUSED,
  },
  {
    name: "valid header and signature, the job id left out of the query",
    send: async (c) => postWebhook(c.h, `/v1/webhooks/assemblyai/${await jobSignature(SECRETS.webhookSecret, c.noteId)}`, completed(c)),
    want: REFUSED,
  },
  // Secret rotation (WEBHOOK_SECRET_PREVIOUS is set in this harness)
  { name: "header and signature of a retired secret (neither current nor previous)", send: (c) => toNote(c, completed(c), RETIRED_WEBHOOK_SECRET, RETIRED_WEBHOOK_SECRET), want: REFUSED },
  { name: "the previous secret's header with the current secret's signature", send: (c) => toNote(c, completed(c), PREVIOUS_WEBHOOK_SECRET, SECRETS.webhookSecret), want: REFUSED },
  { name: "the current secret's header with the previous secret's signature", send: (c) => toNote(c, completed(c), SECRETS.webhookSecret, PREVIOUS_WEBHOOK_SECRET), want: REFUSED },
  {
    // Accepted (200, not 401): a transcript created before the rotation still calls back. A redacted-audio notice changes nothing.
    name: "the previous secret during a rotation: accepted, a redacted-audio notice acknowledged",
    send: (c) => toNote(c, { status: "redacted_audio_ready", redacted_audio_url: "https://sandbox.chaos/redacted.mp3" }, PREVIOUS_WEBHOOK_SECRET, PREVIOUS_WEBHOOK_SECRET),
    want: { status: 200, code: "ignored", phrase: "" },
  },
  // The body, once authenticated
  { name: "signed webhook sent as text/plain", send: (c) => rawToNote(c, "text/plain", JSON.stringify(completed(c))), want: { status: 415, code: "unsupported_media_type", phrase: "application/json" } },
  { name: "signed webhook that is not JSON", send: (c) => rawToNote(c, "application/json", "{transcript_id"), want: { status: 400, code: "validation_failed", phrase: "JSON" } },
  { name: "signed webhook without a status", send: (c) => toNote(c, { transcript_id: c.transcriptId }), want: { status: 400, code: "validation_failed", phrase: "status" } },
  { name: `signed webhook over ${MAX_BODY_BYTES} bytes`, send: (c) => toNote(c, { ...completed(c), pad: "x".repeat(MAX_BODY_BYTES) }), want: { status: 413, code: "payload_too_large", phrase: String(MAX_BODY_BYTES) } },
  // Answered 200 (AssemblyAI must not retry), changing nothing: the job already has its own transcript.
  { name: "signed webhook for an unknown transcript", send: (c) => toNote(c, completed(c, crypto.randomUUID())), want: { status: 200, code: "duplicate", phrase: "" } },
  { name: "signed webhook naming this job with another tenant's transcript", send: (c) => toNote(c, completed(c, c.otherTranscriptId)), want: { status: 200, code: "duplicate", phrase: "" } },
];
