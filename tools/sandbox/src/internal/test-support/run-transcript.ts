import type { Fixture } from "../fixture-schema.js";
import { createSandbox } from "../sandbox.js";
import { manualTime, tinyFixture } from "./fixtures.js";
import { api, type Json } from "./http.js";

/**
 * Creates one transcript of `audio` (a fixture slug, default the tiny visit) with `params` on a fresh
 * sandbox with a manual clock, and returns the create answer (still queued) and the finished job.
 */
export async function runTranscript(params: Record<string, unknown>, options: { fixtures?: Fixture[]; audio?: string } = {}) {
  const time = manualTime();
  const hooks: Json[] = [];
  const sb = createSandbox({
    fixtures: options.fixtures ?? [await tinyFixture()],
    clock: time.clock,
    scheduler: time.scheduler,
    queuedMs: 10,
    processingMs: 10,
    webhookFetch: async (_url, init) => {
      hooks.push(JSON.parse(String(init.body)) as Json);
      return new Response("ok");
    },
  });
  const a = api(sb);
  const created = options.audio
    ? await a.post("/v2/transcript", { speech_models: ["universal-3-pro"], audio_url: `https://files.example/${options.audio}.mp3`, ...params })
    : await a.create(params);
  if (created.status !== 200) throw new Error(`create failed (${created.status}): ${created.text}`);
  const id = String(created.json["id"]);
  time.advance(100);
  await sb.tick();
  const done = (await a.get(`/v2/transcript/${id}`)).json;
  return { sb, a, id, created: created.json, done, hooks };
}

/** Dialogue turns of three voices (A clinician, B patient, C a relative), for speaker-count tests. */
export const THREE_VOICE_TURNS: [string, string][] = [
  ["A", "Good morning. What brings you in?"],
  ["B", "My knee hurts when I walk."],
  ["C", "He has limped for two weeks."],
  ["A", "We'll order an MRI."],
  ["C", "Thank you, doctor."],
];

/** A fixture of three voices, slug `three-voices`. */
export function threeVoiceFixture(): Promise<Fixture> {
  return tinyFixture("three-voices", THREE_VOICE_TURNS, []);
}
