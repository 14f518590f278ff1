import { MAX_BODY_BYTES } from "@org/soap-edge-api";
import { AUDIO, SECRETS } from "../harness.js";
import { FLOODING_IP, NOTE_IDEMPOTENCY_KEY, type BadInput, type BadInputCtx } from "./types.js";

const json = (value: unknown): RequestInit => ({ headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
const notes = (c: BadInputCtx, init: RequestInit & { key?: string | null } = {}): Promise<Response> => c.h.request("/v1/notes", { method: "POST", key: c.key, ...init });
const audio = (c: BadInputCtx, url: string): Promise<Response> => notes(c, json({ audio_url: url }));
const withHeaders = (c: BadInputCtx, headers: Record<string, string>, body: unknown): Promise<Response> =>
  notes(c, { headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const FILE = "/visits/visit-02-knee-sprain.mp3";

/** Bad requests to POST /v1/notes, authentication, paths and queries. */
export const NOTE_BAD_INPUTS: BadInput[] = [
  // POST /v1/notes bodies and headers
  { name: "body that is not JSON", send: (c) => notes(c, { headers: { "content-type": "application/json" }, body: '{"audio_url": ' }), want: { status: 400, code: "validation_failed", phrase: "JSON" } },
  { name: "JSON sent as text/plain", send: (c) => notes(c, { headers: { "content-type": "text/plain" }, body: JSON.stringify({ audio_url: AUDIO.knee }) }), want: { status: 415, code: "unsupported_media_type", phrase: "application/json" } },
  { name: "empty body", send: (c) => notes(c, { headers: { "content-type": "application/json" }, body: "" }), want: { status: 400, code: "validation_failed", phrase: "JSON" } },
  { name: "JSON array instead of an object", send: (c) => notes(c, json([AUDIO.knee])), want: { status: 400, code: "validation_failed", phrase: "(body)" } },
  { name: "missing audio_url", send: (c) => notes(c, json({ medical: true })), want: { status: 400, code: "validation_failed", phrase: "audio_url" } },
  { name: "extra field", send: (c) => notes(c, json({ audio_url: AUDIO.knee, patient_name: "x" })), want: { status: 400, code: "validation_failed", phrase: "patient_name" } },
  { name: "audio_url with the file: scheme", send: (c) => audio(c, "file:///etc/passwd"), want: { status: 400, code: "validation_failed", phrase: "audio_url" } },
  { name: "audio_url that is not a URL", send: (c) => audio(c, "visit 7.mp3"), want: { status: 400, code: "validation_failed", phrase: "audio_url" } },
  { name: "audio_url over 4096 characters", send: (c) => audio(c, `${AUDIO.knee}?${"a".repeat(4100)}`), want: { status: 400, code: "validation_failed", phrase: "audio_url" } },
  // audio_url rules (SSRF through AssemblyAI's fetcher, credentials in URLs)
  { name: "audio_url over plain http", send: (c) => audio(c, `http://media.example.com${FILE}`), want: { status: 400, code: "validation_failed", phrase: "must use https" } },
  { name: "audio_url with a user name and password", send: (c) => audio(c, `https://clinic:hunter2@media.example.com${FILE}`), want: { status: 400, code: "validation_failed", phrase: "user name or password" } },
  { name: "audio_url at the cloud metadata address", send: (c) => audio(c, "https://169.254.169.254/latest/meta-data/"), want: { status: 400, code: "validation_failed", phrase: "169.254.169.254" } },
  { name: "audio_url at loopback spelled in decimal", send: (c) => audio(c, `https://2130706433${FILE}`), want: { status: 400, code: "validation_failed", phrase: "127.0.0.1" } },
  { name: "audio_url at a private IPv4-mapped IPv6 address", send: (c) => audio(c, `https://[::ffff:10.1.2.3]${FILE}`), want: { status: 400, code: "validation_failed", phrase: "private, loopback" } },
  { name: "audio_url at localhost", send: (c) => audio(c, `https://localhost:8787${FILE}`), want: { status: 400, code: "validation_failed", phrase: "internal host name (localhost)" } },
  { name: "audio_url at a cloud-internal host name", send: (c) => audio(c, "https://metadata.google.internal/computeMetadata/v1/"), want: { status: 400, code: "validation_failed", phrase: "internal host name" } },
  { name: "speakers_expected of 11", send: (c) => notes(c, json({ audio_url: AUDIO.knee, speakers_expected: 11 })), want: { status: 400, code: "validation_failed", phrase: "speakers_expected" } },
  { name: "unknown redaction policy", send: (c) => notes(c, json({ audio_url: AUDIO.knee, redaction: { policies: ["shoe_size"] } })), want: { status: 400, code: "validation_failed", phrase: "redaction" } },
  { name: "redaction turned off while the deployment enforces it", send: (c) => notes(c, json({ audio_url: AUDIO.knee, redaction: false })), want: { status: 403, code: "redaction_required", phrase: "redaction" } },
  { name: "unknown template", send: (c) => notes(c, json({ audio_url: AUDIO.knee, template: "soap-nonexistent@1" })), want: { status: 400, code: "unknown_template", phrase: "soap-nonexistent" } },
  { name: "template spec with a broken range", send: (c) => notes(c, json({ audio_url: AUDIO.knee, template: "soap-structured@^^2" })), want: { status: 400, code: "unknown_template", phrase: "template" } },
  { name: `body over ${MAX_BODY_BYTES} bytes`, send: (c) => notes(c, json({ audio_url: AUDIO.knee, template: "x".repeat(MAX_BODY_BYTES) })), want: { status: 413, code: "payload_too_large", phrase: String(MAX_BODY_BYTES) } },
  // Idempotency-Key
  { name: "Idempotency-Key with a space", send: (c) => withHeaders(c, { "idempotency-key": "visit 7" }, { audio_url: AUDIO.knee }), want: { status: 400, code: "validation_failed", phrase: "idempotency-key" } },
  { name: "Idempotency-Key over 255 characters", send: (c) => withHeaders(c, { "idempotency-key": "k".repeat(256) }, { audio_url: AUDIO.knee }), want: { status: 400, code: "validation_failed", phrase: "idempotency-key" } },
  { name: "Idempotency-Key reused with another body", send: (c) => withHeaders(c, { "idempotency-key": NOTE_IDEMPOTENCY_KEY }, { audio_url: AUDIO.finger }), want: { status: 409, code: "idempotency_key_reused", phrase: "new key" } },
  // Authentication and the per-IP limit
  { name: "no Authorization header", send: (c) => notes(c, { key: null, ...json({ audio_url: AUDIO.knee }) }), want: { status: 401, code: "unauthorized", phrase: "Missing API key" } },
  { name: "Basic instead of Bearer", send: (c) => notes(c, { key: null, headers: { authorization: `Basic ${btoa("user:pass")}`, "content-type": "application/json" }, body: "{}" }), want: { status: 401, code: "unauthorized", phrase: "Missing API key" } },
  { name: "unknown API key", send: (c) => notes(c, { key: `soap_sk_${crypto.randomUUID()}`, ...json({ audio_url: AUDIO.knee }) }), want: { status: 401, code: "unauthorized", phrase: "Invalid API key" } },
  { name: "the AssemblyAI key used as an API key", send: (c) => notes(c, { key: SECRETS.apiKey, ...json({ audio_url: AUDIO.knee }) }), want: { status: 401, code: "unauthorized", phrase: "Invalid API key" } },
  { name: "an expired API key", send: (c) => c.h.request(`/v1/notes/${c.noteId}`, { key: c.expiredKey }), want: { status: 401, code: "unauthorized", phrase: "Invalid API key" } },
  { name: "a revoked API key", send: (c) => notes(c, { key: c.revokedKey, ...json({ audio_url: AUDIO.knee }) }), want: { status: 401, code: "unauthorized", phrase: "Invalid API key" } },
  {
    name: "a client address over its per-IP limit",
    send: (c) => notes(c, { headers: { "content-type": "application/json", "cf-connecting-ip": FLOODING_IP }, body: JSON.stringify({ audio_url: AUDIO.knee }) }),
    want: { status: 429, code: "rate_limited", phrase: "Too many requests from this address", headers: { "retry-after": "60" } },
  },
  // Paths and queries
  { name: "unknown note id", send: (c) => c.h.request(`/v1/notes/${crypto.randomUUID()}`, { key: c.key }), want: { status: 404, code: "not_found", phrase: "No note with this id" } },
  { name: "another tenant's note id", send: (c) => c.h.request(`/v1/notes/${c.noteId}`, { key: c.otherKey }), want: { status: 404, code: "not_found", phrase: "No note with this id" } },
  { name: "DELETE of another tenant's note", send: (c) => c.h.request(`/v1/notes/${c.otherNoteId}`, { method: "DELETE", key: c.key }), want: { status: 404, code: "not_found", phrase: "No note with this id" } },
  { name: "note id over 100 characters", send: (c) => c.h.request(`/v1/notes/${"n".repeat(101)}`, { key: c.key }), want: { status: 400, code: "validation_failed", phrase: "id" } },
  { name: "unknown format", send: (c) => c.h.request(`/v1/notes/${c.noteId}?format=pdf`, { key: c.key }), want: { status: 400, code: "validation_failed", phrase: "format" } },
  { name: "format of a note not ready", send: (c) => c.h.request(`/v1/notes/${c.noteId}?format=fhir`, { key: c.key }), want: { status: 409, code: "note_not_ready", phrase: "transcribing" } },
  { name: "limit of 0", send: (c) => c.h.request("/v1/notes?limit=0", { key: c.key }), want: { status: 400, code: "validation_failed", phrase: "limit" } },
  { name: "forged cursor", send: (c) => c.h.request(`/v1/notes?cursor=${btoa('{"createdAt":"x"}')}`, { key: c.key }), want: { status: 400, code: "validation_failed", phrase: "cursor" } },
  { name: "audit trail limit of 201", send: (c) => c.h.request("/v1/audit?limit=201", { key: c.key }), want: { status: 400, code: "validation_failed", phrase: "limit" } },
  { name: "unknown section", send: (c) => c.h.request(`/v1/notes/${c.noteId}/sections/history/regenerate`, { method: "POST", key: c.key }), want: { status: 400, code: "validation_failed", phrase: "section" } },
  { name: "regenerate of a note not completed", send: (c) => c.h.request(`/v1/notes/${c.noteId}/sections/plan/regenerate`, { method: "POST", key: c.key }), want: { status: 409, code: "note_not_ready", phrase: "transcribing" } },
  { name: "DELETE of an unknown note", send: (c) => c.h.request(`/v1/notes/${crypto.randomUUID()}`, { method: "DELETE", key: c.key }), want: { status: 404, code: "not_found", phrase: "No note with this id" } },
  { name: "unknown route", send: (c) => c.h.request("/v2/transcript", { key: c.key }), want: { status: 404, code: "not_found", phrase: "No route" } },
];
