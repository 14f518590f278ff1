import { expect } from "vitest";
import { KNEE_AUDIO_URL, type Harness } from "./harness.js";

/** The error envelope, as tests read it. */
export interface Envelope {
  error: { code: string; message: string; details?: { issues?: { field: string; message: string }[] } & Record<string, unknown> };
}

/** Reads a response as the error envelope, checking its shape. */
export async function envelope(res: Response): Promise<Envelope> {
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await res.json()) as Envelope;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.code).toBe("string");
  expect(typeof body.error.message).toBe("string");
  return body;
}

/** POST /v1/notes for the knee fixture; returns the note id. */
export async function startNote(h: Harness, key: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL, ...extra } });
  expect(res.status, await res.clone().text()).toBe(202);
  const body = (await res.json()) as { id: string; status: string };
  return body.id;
}

/** Runs a note through the whole pipeline (create, sandbox webhook, queue consumer) to `completed`. */
export async function completedNote(h: Harness, key: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = await startNote(h, key, extra);
  await h.finishTranscripts();
  await h.drainQueue();
  const res = await h.request(`/v1/notes/${id}`, { key });
  const body = (await res.json()) as { status: string; failure: unknown };
  expect(body.status, JSON.stringify(body.failure)).toBe("completed");
  return id;
}
