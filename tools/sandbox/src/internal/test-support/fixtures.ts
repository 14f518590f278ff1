import { sha256Hex } from "../crypto.js";
import type { Fixture } from "../fixture-schema.js";

/** Dialogue turns of a tiny test visit: [speaker, text]. */
export const TINY_TURNS: [string, string][] = [
  ["A", "Good morning, I am Doctor Reyes. What brings you in today?"],
  ["B", "Hi, my name is John Carter, born March 7, 1961. My knee pain started two weeks ago and it hurts when I walk."],
  ["A", "On exam there is tenderness over the medial knee and a small swelling. I think this is a medial meniscus strain."],
  ["A", "We'll order an MRI and follow up in two weeks. Call the office at 555-123-4567 if it gets worse."],
  ["B", "Okay, thank you so much."],
];

/** PII of the tiny visit: exact word runs and their policies. */
export const TINY_PII: [string, string][] = [
  ["Reyes.", "person_name"],
  ["John Carter,", "person_name"],
  ["March 7, 1961.", "date_of_birth"],
  ["555-123-4567", "phone_number"],
];

/** Audio bytes of a test fixture (not real audio: the sandbox only hashes them). */
export function tinyAudio(slug = "tiny-visit"): Uint8Array {
  return new TextEncoder().encode(`fake audio of ${slug}`);
}

/** Builds a small valid fixture from dialogue turns, with PII spans found by exact word runs. */
export async function tinyFixture(slug = "tiny-visit", turns = TINY_TURNS, pii = TINY_PII): Promise<Fixture> {
  const words: Fixture["words"] = [];
  let t = 0;
  for (const [speaker, text] of turns) {
    for (const w of text.split(" ")) {
      words.push({ text: w, start: t, end: t + 300, confidence: 0.9 + (words.length % 10) / 100, speaker });
      t += 350;
    }
    t += 500;
  }
  const spans = pii.map(([run, policy]) => {
    const parts = run.split(" ");
    const first = words.findIndex((_, i) => parts.every((p, j) => words[i + j]?.text === p));
    if (first === -1) throw new Error(`PII run not found: ${run}`);
    return { policy, first_word: first, last_word: first + parts.length - 1 };
  });
  return {
    slug,
    title: "Tiny test visit",
    source: { dataset: "test", encounter_id: "T1", license: "CC BY 4.0", attribution: "test data" },
    audio: { file: `samples/visits/${slug}.mp3`, sha256: await sha256Hex(tinyAudio(slug)), duration_ms: t, content_type: "audio/mpeg" },
    speakers: { A: "clinician", B: "patient" },
    words,
    pii: spans,
  };
}

/** A manual clock and scheduler: time moves only when the test says so. */
export function manualTime(start = Date.UTC(2026, 0, 15, 9, 0, 0)) {
  let now = start;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    clock: { now: () => now },
    scheduler: {
      setTimeout: (fn: () => void, ms: number) => {
        const id = next++;
        timers.set(id, { at: now + ms, fn });
        return id;
      },
      clearTimeout: (h: unknown) => {
        timers.delete(h as number);
      },
    },
    /** Moves time forward (timers are not run: call sandbox.tick()). */
    advance(ms: number) {
      now += ms;
    },
    pendingTimers: () => timers.size,
  };
}
