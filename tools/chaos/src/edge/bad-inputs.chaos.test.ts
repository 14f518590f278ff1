import { MAX_BODY_BYTES } from "@org/soap-edge-api";
import { beforeAll, describe, expect, test } from "vitest";
import { addTally } from "../support/tally.js";
import { envelope, getNote } from "./api.js";
import { AUDIO, createHarness, SECRETS, WEBHOOK_SECRET_HEADER, type Harness } from "./harness.js";
import { keepLogs } from "./logs.js";

/** What each case shares: one harness, two tenants, and a note of tenant A still transcribing. */
interface Ctx {
  h: Harness;
  key: string;
  otherKey: string;
  noteId: string;
  transcriptId: string;
}

/** A bad input and the answer it must get: status, error code (or webhook action), key phrase. */
interface BadInput {
  name: string;
  send: (c: Ctx) => Promise<Response>;
  want: { status: number; code: string; phrase: string };
}

const json = (value: unknown): RequestInit => ({ headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
const notes = (c: Ctx, init: RequestInit & { key?: string | null } = {}): Promise<Response> => c.h.request("/v1/notes", { method: "POST", key: c.key, ...init });
const webhook = (c: Ctx, body: BodyInit, secret: string | null, query = ""): Promise<Response> => {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== null) headers[WEBHOOK_SECRET_HEADER] = secret;
  return c.h.request(`/v1/webhooks/assemblyai${query}`, { method: "POST", headers, body });
};
const completedBody = (c: Ctx): string => JSON.stringify({ transcript_id: c.transcriptId, status: "completed" });

const BAD_INPUTS: BadInput[] = [
  // POST /v1/notes bodies and headers
  { name: "body that is not JSON", send: (c) => notes(c, { headers: { "content-type": "application/json" }, body: '{"audio_url": ' }), want: { status: 400, code: "validation_failed", phrase: "JSON" } },
  { name: "JSON sent as text/plain", send: (c) => notes(c, { headers: { "content-type": "text/plain" }, body: JSON.stringify({ audio_url: AUDIO.knee }) }), want: { status: 415, code: "unsupported_media_type", phrase: "application/json" } },
  { name: "empty body", send: (c) => notes(c, { headers: { "content-type": "application/json" }, body: "" }), want: { status: 400, code: "validation_failed", phrase: "JSON" } },
  { name: "JSON array instead of an object", send: (c) => notes(c, json([AUDIO.knee])), want: { status: 400, code: "validation_failed", phrase: "(body)" } },
  { name: "missing audio_url", send: (c) => notes(c, json({ medical: true })), want: { status: 400, code: "validation_failed", phrase: "audio_url" } },
  { name: "extra field", send: (c) => notes(c, json({ audio_url: AUDIO.knee, patient_name: "x" })), want: { status: 400, code: "validation_failed", phrase: "patient_name" } },
  { name: "audio_url with the file: scheme", send: (c) => notes(c, json({ audio_url: "file:///etc/passwd" })), want: { status: 400, code: "validation_failed", phrase: "audio_url" } },
  { name: "audio_url that is not a URL", send: (c) => notes(c, json({ audio_url: "visit 7.mp3" })), want: { status: 400, code: "validation_failed", phrase: "audio_url" } },
  { name: "audio_url over 4096 characters", send: (c) => notes(c, json({ audio_url: `${AUDIO.knee}?${"a".repeat(4100)}` })), want: { status: 400, code: "validation_failed", phrase: "audio_url" } },
  { name: "speakers_expected of 11", send: (c) => notes(c, json({ audio_url: AUDIO.knee, speakers_expected: 11 })), want: { status: 400, code: "validation_failed", phrase: "speakers_expected" } },
  { name: "unknown redaction policy", send: (c) => notes(c, json({ audio_url: AUDIO.knee, redaction: { policies: ["shoe_size"] } })), want: { status: 400, code: "validation_failed", phrase: "redaction" } },
  { name: "unknown template", send: (c) => notes(c, json({ audio_url: AUDIO.knee, template: "soap-nonexistent@1" })), want: { status: 400, code: "unknown_template", phrase: "soap-nonexistent" } },
  { name: "template spec with a broken range", send: (c) => notes(c, json({ audio_url: AUDIO.knee, template: "soap-structured@^^2" })), want: { status: 400, code: "unknown_template", phrase: "template" } },
  { name: `body over ${MAX_BODY_BYTES} bytes`, send: (c) => notes(c, json({ audio_url: AUDIO.knee, template: "x".repeat(MAX_BODY_BYTES) })), want: { status: 413, code: "payload_too_large", phrase: String(MAX_BODY_BYTES) } },
  // Authentication
  { name: "no Authorization header", send: (c) => notes(c, { key: null, ...json({ audio_url: AUDIO.knee }) }), want: { status: 401, code: "unauthorized", phrase: "Missing API key" } },
  { name: "Basic instead of Bearer", send: (c) => notes(c, { key: null, headers: { authorization: `Basic ${btoa("user:pass")}`, "content-type": "application/json" }, body: "{}" }), want: { status: 401, code: "unauthorized", phrase: "Missing API key" } },
  { name: "unknown API key", send: (c) => notes(c, { key: `soap_sk_${crypto.randomUUID()}`, ...json({ audio_url: AUDIO.knee }) }), want: { status: 401, code: "unauthorized", phrase: "Invalid API key" } },
  { name: "the AssemblyAI key used as an API key", send: (c) => notes(c, { key: SECRETS.apiKey, ...json({ audio_url: AUDIO.knee }) }), want: { status: 401, code: "unauthorized", phrase: "Invalid API key" } },
  // Paths and queries
  { name: "unknown note id", send: (c) => c.h.request(`/v1/notes/${crypto.randomUUID()}`, { key: c.key }), want: { status: 404, code: "not_found", phrase: "No note with this id" } },
  { name: "another tenant's note id", send: (c) => c.h.request(`/v1/notes/${c.noteId}`, { key: c.otherKey }), want: { status: 404, code: "not_found", phrase: "No note with this id" } },
  { name: "note id over 100 characters", send: (c) => c.h.request(`/v1/notes/${"n".repeat(101)}`, { key: c.key }), want: { status: 400, code: "validation_failed", phrase: "id" } },
  { name: "unknown format", send: (c) => c.h.request(`/v1/notes/${c.noteId}?format=pdf`, { key: c.key }), want: { status: 400, code: "validation_failed", phrase: "format" } },
  { name: "format of a note not ready", send: (c) => c.h.request(`/v1/notes/${c.noteId}?format=fhir`, { key: c.key }), want: { status: 409, code: "note_not_ready", phrase: "transcribing" } },
  { name: "limit of 0", send: (c) => c.h.request("/v1/notes?limit=0", { key: c.key }), want: { status: 400, code: "validation_failed", phrase: "limit" } },
  { name: "forged cursor", send: (c) => c.h.request(`/v1/notes?cursor=${btoa('{"createdAt":"x"}')}`, { key: c.key }), want: { status: 400, code: "validation_failed", phrase: "cursor" } },
  { name: "unknown section", send: (c) => c.h.request(`/v1/notes/${c.noteId}/sections/history/regenerate`, { method: "POST", key: c.key }), want: { status: 400, code: "validation_failed", phrase: "section" } },
  { name: "regenerate of a note not completed", send: (c) => c.h.request(`/v1/notes/${c.noteId}/sections/plan/regenerate`, { method: "POST", key: c.key }), want: { status: 409, code: "note_not_ready", phrase: "transcribing" } },
  { name: "DELETE of an unknown note", send: (c) => c.h.request(`/v1/notes/${crypto.randomUUID()}`, { method: "DELETE", key: c.key }), want: { status: 404, code: "not_found", phrase: "No note with this id" } },
  { name: "unknown route", send: (c) => c.h.request("/v2/transcript", { key: c.key }), want: { status: 404, code: "not_found", phrase: "No route" } },
  // Webhooks
  { name: "unsigned webhook", send: (c) => webhook(c, completedBody(c), null, `?job=${c.noteId}`), want: { status: 401, code: "unauthorized", phrase: "webhook secret" } },
  { name: "forged webhook secret", send: (c) => webhook(c, completedBody(c), `whsec_${crypto.randomUUID()}`, `?job=${c.noteId}`), want: { status: 401, code: "unauthorized", phrase: "webhook secret" } },
  { name: "webhook signed with the API key instead", send: (c) => webhook(c, completedBody(c), SECRETS.apiKey, `?job=${c.noteId}`), want: { status: 401, code: "unauthorized", phrase: "webhook secret" } },
  { name: "webhook secret with one more character", send: (c) => webhook(c, completedBody(c), `${SECRETS.webhookSecret}x`, `?job=${c.noteId}`), want: { status: 401, code: "unauthorized", phrase: "webhook secret" } },
  { name: "signed webhook sent as text/plain", send: (c) => c.h.request("/v1/webhooks/assemblyai", { method: "POST", headers: { "content-type": "text/plain", [WEBHOOK_SECRET_HEADER]: SECRETS.webhookSecret }, body: completedBody(c) }), want: { status: 415, code: "unsupported_media_type", phrase: "application/json" } },
  { name: "signed webhook that is not JSON", send: (c) => webhook(c, "{transcript_id", SECRETS.webhookSecret), want: { status: 400, code: "validation_failed", phrase: "JSON" } },
  { name: "signed webhook without a status", send: (c) => webhook(c, JSON.stringify({ transcript_id: c.transcriptId }), SECRETS.webhookSecret), want: { status: 400, code: "validation_failed", phrase: "status" } },
  { name: `signed webhook over ${MAX_BODY_BYTES} bytes`, send: (c) => webhook(c, JSON.stringify({ status: "completed", pad: "x".repeat(MAX_BODY_BYTES) }), SECRETS.webhookSecret), want: { status: 413, code: "payload_too_large", phrase: String(MAX_BODY_BYTES) } },
  // Answered 200 and ignored (AssemblyAI must not retry), changing nothing.
  { name: "signed webhook for an unknown transcript", send: (c) => webhook(c, JSON.stringify({ transcript_id: crypto.randomUUID(), status: "completed" }), SECRETS.webhookSecret), want: { status: 200, code: "ignored", phrase: "" } },
  { name: "signed webhook naming this job with a foreign transcript", send: (c) => webhook(c, JSON.stringify({ transcript_id: crypto.randomUUID(), status: "completed" }), SECRETS.webhookSecret, `?job=${c.noteId}`), want: { status: 200, code: "ignored", phrase: "" } },
];

describe("bad inputs through the edge API", () => {
  const c = {} as Ctx;
  beforeAll(async () => {
    c.h = createHarness();
    c.key = (await c.h.seedTenant("Tenant A")).key;
    c.otherKey = (await c.h.seedTenant("Tenant B")).key;
    const res = await c.h.request("/v1/notes", { method: "POST", key: c.key, json: { audio_url: AUDIO.knee } });
    expect(res.status).toBe(202);
    ({ id: c.noteId, transcript_id: c.transcriptId } = (await res.json()) as { id: string; transcript_id: string });
    // What setup logged goes with the first case's logs (keepLogs takes everything captured so far).
  });

  test.for(BAD_INPUTS.map((b) => [b.name, b] as const))("%s", async ([, bad], { task }) => {
    addTally(task, { badInputs: 1 });
    try {
      const res = await bad.send(c);
      expect(res.status).toBe(bad.want.status);
      if (res.status === 200) {
        const body = (await res.json()) as { action: string };
        expect(body.action).toBe(bad.want.code);
      } else {
        const { error } = await envelope(res);
        expect(error.code).toBe(bad.want.code);
        expect(error.message).toContain(bad.want.phrase);
      }
      // Nothing moved: the note still waits for its transcript, no message queued, one transcript.
      expect((await getNote(c.h, c.key, c.noteId)).status).toBe("transcribing");
      expect(c.h.queue.sent).toEqual([]);
      expect(c.h.sandbox.counters.transcriptsCreated).toBe(1);
      keepLogs(task, c.h);
      addTally(task, { badInputsAnswered: 1 });
    } finally {
      if (c.h.captured.length > 0) task.meta.chaosLogs = [...(task.meta.chaosLogs ?? []), ...c.h.captured.splice(0)];
    }
  });
});
