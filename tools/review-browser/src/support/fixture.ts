import type { Transcript } from "@org/soap-core";
import { checkEvidence, createSoapNote, type SoapNote } from "@org/soap-core/engine";

/** What injected markup sets on `window` if it ever runs (the tests assert it never does). */
export const PWNED = "__pwned";

/** Small talk between the knee and the fever, so that the fever quote sits far down the transcript. */
const filler: [string, number, number, string][] = Array.from({ length: 24 }, (_, i) => [
  i % 2 === 0 ? "A" : "B",
  6_100 + i * 1_400,
  6_100 + i * 1_400 + 1_300,
  i % 2 === 0 ? `Tell me more about the stairs, part ${i / 2 + 1}.` : `It is worse going down than up, mostly in the evening (${i}).`,
]);

const turns: [speaker: string, start: number, end: number, text: string][] = [
  ["A", 0, 2_400, "Hello, what brings you in today?"],
  ["B", 2_600, 6_000, `My left knee hurts when I climb stairs. <script>window.${PWNED} = 1</script>`],
  ...filler,
  ["A", 40_000, 40_900, "Any fever or chills?"],
  ["B", 41_000, 42_500, "No fever at all."],
];

/** Where the fixture's two timed quotes start, in seconds. */
export const QUOTE_STARTS = { knee: 2.6, fever: 41 } as const;

/** A short AssemblyAI-shaped transcript: two speakers, word timings, and a `<script>` spoken into it. */
export function fixtureTranscript(): Transcript {
  const utterances = turns.map(([speaker, start, end, text]) => {
    const tokens = text.split(" ");
    const step = (end - start) / tokens.length;
    const words = tokens.map((t, i) => ({ text: t, start: Math.round(start + i * step), end: Math.round(start + (i + 1) * step), confidence: 0.99, speaker }));
    return { speaker, start, end, text, confidence: 0.99, words };
  });
  return { id: "tr_review_fixture", status: "completed", text: turns.map((t) => t[3]).join(" "), utterances, words: utterances.flatMap((u) => u.words) };
}

/**
 * A checked note over {@link fixtureTranscript}: supported statements with timed quotes (one starts at
 * 2.6 s, one at 41 s), a statement whose quote is not in the transcript, one with no quote, and model
 * text that carries an `<img onerror>`.
 */
export function fixtureNote(visitId = "visit-review-demo"): SoapNote {
  const note = createSoapNote({
    sections: {
      subjective: { text: "Left knee pain when climbing stairs [my left knee hurts when I climb stairs]. Denies fever [no fever at all]." },
      objective: { text: `Knee visibly swollen <img src=x onerror="window.${PWNED}=2"> [the knee looks very swollen].` },
      assessment: { text: "Probable patellofemoral pain." },
      plan: { text: "Rest, ice and review in two weeks [rest it and ice it for two weeks]." },
    },
    provenance: {
      template: { ref: "soap-complete@1", hash: "sha256:0f3c" },
      model: "claude-sonnet-4-5-20250929",
      transcript_source: "assemblyai",
      transcript_id: "tr_review_fixture",
      visit_id: visitId,
      created_at: "2026-11-25T09:00:00.000Z",
      usage: { input_tokens: 1200, output_tokens: 300, total_tokens: 1500 },
      latency_ms: 2400,
      requests: 1,
    },
  });
  const t = fixtureTranscript();
  return checkEvidence(note, { words: t.words ?? [] }, { speakerRoles: { A: "clinician", B: "patient" } });
}

/**
 * A mono 8 kHz 8-bit PCM WAV of `seconds` of a quiet tone: small, decodable by any browser, long enough
 * to seek into.
 */
export function toneWav(seconds: number): Uint8Array {
  const rate = 8000;
  const samples = Math.round(seconds * rate);
  const out = new Uint8Array(44 + samples);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, 36 + samples, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  ascii(36, "data");
  view.setUint32(40, samples, true);
  for (let i = 0; i < samples; i++) out[44 + i] = 128 + Math.round(8 * Math.sin((2 * Math.PI * 440 * i) / rate));
  return out;
}
