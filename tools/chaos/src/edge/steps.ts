import type { FaultSpec } from "@org/soap-sandbox";
import { expect } from "vitest";
import { expectValidNote, getNote } from "./api.js";
import { AUDIO, type Delivery, type Harness, type NoteJobMessage } from "./harness.js";

/**
 * When the sweeper tries a transcript deletion at AssemblyAI again: 5 minutes after a failure or a
 * "not ready yet", doubling after further failures (apps/edge-api README, "Lifecycle and retention").
 */
export const PURGE_RETRY_MS = 5 * 60_000 + 1_000;

/** POST /v1/notes for `audio` (the knee visit by default), with extra headers (e.g. `Idempotency-Key`). */
export function postNote(h: Harness, key: string, audio: string = AUDIO.knee, headers: Record<string, string> = {}): Promise<Response> {
  return h.request("/v1/notes", { method: "POST", key, json: { audio_url: audio }, headers });
}

/** POST /v1/notes (202 expected); returns the note id. */
export async function startNote(h: Harness, key: string, audio: string = AUDIO.knee): Promise<string> {
  const res = await postNote(h, key, audio);
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** A note made without faults, through webhook and queue; returns its id and its note. */
export async function completedNote(h: Harness, key: string, audio: string = AUDIO.knee): Promise<{ id: string; note: unknown }> {
  const id = await startNote(h, key, audio);
  await h.settle();
  const resource = await getNote(h, key, id);
  await expectValidNote(h, key, resource);
  return { id, note: resource.note };
}

/** Adds a sandbox fault; returns how often it fired so far (checked, so that no cell passes with a fault that never fired). */
export function addFault(h: Harness, spec: FaultSpec): () => number {
  const id = h.sandbox.faults.add(spec);
  return () => h.sandbox.faults.list().find((f) => f.id === id)?.fired ?? 0;
}

/** Gateway chat requests the sandbox received (each one is paid). */
export function chatCalls(h: Harness): number {
  return h.sandbox.counters.calls("chat");
}

/** Chat requests one note costs in this harness, measured on a note made without faults. */
export async function chatsPerNote(h: Harness, key: string): Promise<number> {
  const before = chatCalls(h);
  await completedNote(h, key);
  const per = chatCalls(h) - before;
  expect(per).toBeGreaterThan(0);
  return per;
}

/**
 * Delivers `message` again after each `retry` (waiting its delay), as the Queues runtime would, until
 * it is acked; `first` is how its first delivery ended. Returns every delivery after the first.
 */
export async function redeliverUntilAcked(h: Harness, message: NoteJobMessage, first: Omit<Delivery, "jobId">): Promise<Omit<Delivery, "jobId">[]> {
  const more: Omit<Delivery, "jobId">[] = [];
  let last = first;
  while (!last.acked) {
    expect(last.attempt, "acked within the queue's 5 deliveries").toBeLessThan(5);
    h.advance((last.retryDelaySeconds ?? 0) * 1000);
    last = await h.deliver(message, last.attempt + 1);
    more.push(last);
  }
  return more;
}

/** The Worker's log records (as captured) of `event` for job `jobId`. */
export function logged(h: Harness, event: string, jobId: string): Record<string, unknown>[] {
  return h.captured
    .filter((line) => line.startsWith("log "))
    .map((line) => JSON.parse(line.slice(4)) as Record<string, unknown>)
    .filter((r) => r["event"] === event && r["job_id"] === jobId);
}
