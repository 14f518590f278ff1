import { SoapNote } from "@org/soap-core/engine";
import { expect } from "vitest";
import type { Harness } from "./harness.js";

/** The error envelope of the edge API. */
export interface Envelope {
  error: {
    code: string;
    message: string;
    details?: Record<string, unknown> & { issues?: { field: string; message: string }[] };
    request_id?: string;
  };
}

/** A note resource as GET /v1/notes/{id} answers it. */
export interface NoteResource {
  id: string;
  status: string;
  transcript_id: string | null;
  attempts: number;
  failure: { code: string; reason: string } | null;
  note: unknown;
  provenance: { history?: unknown[] } | null;
}

/** Reads a response as the error envelope, checking its shape and that it quotes the answer's request id. */
export async function envelope(res: Response): Promise<Envelope> {
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await res.json()) as Envelope;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.code).toBe("string");
  expect(typeof body.error.message).toBe("string");
  expect(body.error.request_id, "the error body's request_id is the X-Request-Id header").toBe(res.headers.get("x-request-id") ?? "(no header)");
  return body;
}

/** Checks status, code and a key phrase of an error answer; returns the envelope. */
export async function expectError(res: Response, want: { status: number; code: string; phrase: string }): Promise<Envelope> {
  expect(res.status).toBe(want.status);
  const body = await envelope(res);
  expect(body.error.code).toBe(want.code);
  expect(body.error.message).toContain(want.phrase);
  return body;
}

/** GET /v1/notes/{id} as JSON (200 expected). */
export async function getNote(h: Harness, key: string, id: string): Promise<NoteResource> {
  const res = await h.request(`/v1/notes/${encodeURIComponent(id)}`, { key });
  expect(res.status).toBe(200);
  const resource = (await res.json()) as NoteResource;
  // A failure reason is an error message the API shows: keep it with the logs the finale scans.
  if (resource.failure) h.captured.push(`GET note failure ${JSON.stringify(resource.failure)}`);
  return resource;
}

/**
 * Checks a completed note: a valid SoapNote with four sections, renderable as Markdown; returns the
 * parsed note's warning codes.
 */
export async function expectValidNote(h: Harness, key: string, resource: NoteResource): Promise<string[]> {
  expect(resource.status).toBe("completed");
  expect(resource.failure).toBeNull();
  const parsed = SoapNote.safeParse(resource.note);
  expect(parsed.success, parsed.success ? "" : parsed.error.issues.map((i) => i.path.join(".")).join(", ")).toBe(true);
  if (!parsed.success) return [];
  expect(Object.keys(parsed.data.sections)).toEqual(["subjective", "objective", "assessment", "plan"]);
  const md = await h.request(`/v1/notes/${encodeURIComponent(resource.id)}?format=md`, { key });
  expect(md.status).toBe(200);
  expect(await md.text()).toMatch(/Subjective[\s\S]*Objective[\s\S]*Assessment[\s\S]*Plan/);
  return parsed.data.warnings.map((w) => w.code);
}

/** Checks a failed job: the failure code and phrase, no note, and `?format=md` answers 409. */
export async function expectFailedJob(h: Harness, key: string, resource: NoteResource, failure: { code: string; phrase: string }): Promise<void> {
  expect(resource.status).toBe("failed");
  expect(resource.failure?.code).toBe(failure.code);
  expect(resource.failure?.reason).toContain(failure.phrase);
  expect(resource.note).toBeNull();
  await expectError(await h.request(`/v1/notes/${encodeURIComponent(resource.id)}?format=md`, { key }), {
    status: 409,
    code: "note_not_ready",
    phrase: "not ready",
  });
}

/** Every job of the tenant is terminal (completed or failed): none is lost mid-way. */
export async function expectNoLostJob(h: Harness, key: string): Promise<void> {
  const res = await h.request("/v1/notes?limit=100", { key });
  expect(res.status).toBe(200);
  const { data } = (await res.json()) as { data: { id: string; status: string }[] };
  expect(data.filter((n) => n.status !== "completed" && n.status !== "failed").map((n) => `${n.id}: ${n.status}`)).toEqual([]);
}

/** One event of GET /v1/audit. */
export interface AuditEvent {
  action: string;
  note_id: string;
  actor: { type: "api_key" | "system"; key_id: string | null };
  detail: string | null;
}

/** The tenant's audit trail, oldest first (GET /v1/audit, one page of up to 200 events). */
export async function auditTrail(h: Harness, key: string): Promise<AuditEvent[]> {
  const res = await h.request("/v1/audit?limit=200", { key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: AuditEvent[] }).data.reverse();
}

/** `action` (with `detail` when it has one) of every audit event of one note, oldest first. */
export async function auditOf(h: Harness, key: string, noteId: string): Promise<string[]> {
  return (await auditTrail(h, key)).filter((e) => e.note_id === noteId).map((e) => (e.detail ? `${e.action}:${e.detail}` : e.action));
}

/** Ids of the tenant's notes (GET /v1/notes, first 100). */
export async function listedIds(h: Harness, key: string): Promise<string[]> {
  const res = await h.request("/v1/notes?limit=100", { key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { id: string }[] }).data.map((n) => n.id);
}

/** A note that is deleted here: 404 to GET and DELETE, and absent from the list. */
export async function expectGone(h: Harness, key: string, id: string): Promise<void> {
  const path = `/v1/notes/${encodeURIComponent(id)}`;
  expect((await envelope(await h.request(path, { key }))).error.code).toBe("not_found");
  expect(await listedIds(h, key)).not.toContain(id);
}
