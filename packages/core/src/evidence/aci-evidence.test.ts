// Data: ACI-BENCH validation split (Yim et al., Nature Scientific Data 2023), CC BY 4.0.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenizeText, wordTokens } from "../internal/text/normalize.js";
import { findQuote } from "./find-quote.js";
import { buildTranscriptIndex } from "./transcript-index.js";
import { parseTranscriptText } from "./transcript-text.js";

const dialogues = (
  JSON.parse(readFileSync(new URL("../../../../../shared/data/aci-bench/valid_full.json", import.meta.url), "utf8")) as { data: { src: string }[] }
).data.map((d) => parseTranscriptText(d.src));
const indexes = dialogues.map((d) => buildTranscriptIndex(d));

/** ACI-BENCH splits contractions ("do n't"); such a piece glues to the word before it. */
const CONTRACTION_PIECE = /^(n't|'[a-z]+)$/i;

/** A quote of `len` words of utterance-local text starting at word `at` of dialogue `d`. */
function wordsAt(d: number, at: number, len: number): string[] {
  return (dialogues[d]?.words ?? []).slice(at, at + len).map((w) => w.text);
}

describe("findQuote on ACI-BENCH dialogues", () => {
  it("finds every 8-word span of a dialogue where it was said", () => {
    fc.assert(
      fc.property(fc.nat(19), fc.nat(100_000), (d, seed) => {
        const words = dialogues[d]?.words ?? [];
        const at = seed % Math.max(1, words.length - 8);
        // A quote neither starts nor ends inside a split contraction.
        if (CONTRACTION_PIECE.test(words[at]?.text ?? "") || CONTRACTION_PIECE.test(words[at + 8]?.text ?? "")) return;
        const quote = wordsAt(d, at, 8).join(" ");
        const m = findQuote(indexes[d]!, quote);
        expect(m.match === "exact" || m.match === "normalized").toBe(true);
        // The match may be an earlier identical span, never a different text.
        const idx = indexes[d]!;
        expect(idx.tokens.slice(m.start, m.end).join(" ")).toBe(buildTranscriptIndex(quote).tokens.join(" "));
      }),
      { numRuns: 200 },
    );
  });

  it("finds a 12-word span with one word changed as a fuzzy match above the threshold", () => {
    fc.assert(
      fc.property(fc.nat(19), fc.nat(100_000), fc.nat(11), (d, seed, k) => {
        const words = dialogues[d]?.words ?? [];
        const at = seed % Math.max(1, words.length - 12);
        const quote = wordsAt(d, at, 12);
        if (CONTRACTION_PIECE.test(quote[0] ?? "") || CONTRACTION_PIECE.test(words[at + 12]?.text ?? "")) return;
        // Change exactly one token: not punctuation, not a two-token word ("mm-hmm"), not a
        // contraction piece or the word it glues to; and keep enough tokens to reach the threshold.
        if (wordTokens(quote[k] ?? "").length !== 1 || CONTRACTION_PIECE.test(quote[k] ?? "") || CONTRACTION_PIECE.test(quote[k + 1] ?? "")) return;
        if (tokenizeText(quote.join(" ")).length < 7) return;
        quote[k] = "zebra";
        const m = findQuote(indexes[d]!, quote.join(" "));
        expect(m.match).toBe("fuzzy");
        expect(m.similarity).toBeGreaterThanOrEqual(0.85);
      }),
      { numRuns: 200 },
    );
  });

  it("does not find long spans of one dialogue in another (precision)", () => {
    let found = 0;
    let tried = 0;
    for (let d = 0; d < 20; d++) {
      const other = (d + 7) % 20;
      const words = dialogues[d]?.words ?? [];
      for (let at = 0; at + 12 < words.length; at += 97) {
        tried++;
        const m = findQuote(indexes[other]!, wordsAt(d, at, 12).join(" "));
        if (m.match !== "none") found++;
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(found / tried).toBeLessThan(0.02);
  });
});
