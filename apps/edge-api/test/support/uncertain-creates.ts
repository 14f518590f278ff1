import { expect } from "vitest";
import { envelope } from "./flow.js";
import { KNEE_AUDIO_URL, type Harness } from "./harness.js";

/** POST /v1/notes answered `502 transcript_create_uncertain`; the note id it names. */
export async function uncertainCreate(h: Harness, key: string): Promise<string> {
  const res = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
  expect(res.status).toBe(502);
  const { error } = await envelope(res);
  expect(error.code).toBe("transcript_create_uncertain");
  return String(error.details?.["id"]);
}

/** One cron run, `ms` after the last. */
export async function sweepAfter(h: Harness, ms: number): Promise<void> {
  h.advance(ms);
  await h.worker.scheduled(undefined, h.env);
}
