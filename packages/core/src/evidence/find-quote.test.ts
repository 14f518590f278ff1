import { describe, expect, it } from "vitest";
import { findQuote } from "./find-quote.js";
import { buildTranscriptIndex, type OperationCounter, type TimedWord } from "./transcript-index.js";

const dialogue = [
  "[doctor] so , brian , it's been a little while i've seen you .",
  "[patient] i , i just feel out of sorts lately . i do n't know if it's the change in the seasons .",
  "[doctor] how long has that been going on for ?",
  "[patient] uh , probably since labor day , so about five weeks or so .",
  "[doctor] my name is #### and i will examine your knee .",
].join("\n");
const index = buildTranscriptIndex(dialogue);

describe("findQuote", () => {
  it("finds an exact quote, ignoring case and outer punctuation", () => {
    expect(findQuote(index, "Probably since Labor Day,")).toMatchObject({ match: "exact", similarity: 1 });
  });

  it("finds a normalised quote across punctuation and split contractions", () => {
    const m = findQuote(index, "I don't know if it's the change in the seasons");
    expect(m.match).toBe("normalized");
    expect(index.tokens.slice(m.start, m.end)).toEqual(["i", "dont", "know", "if", "its", "the", "change", "in", "the", "seasons"]);
  });

  it("matches a redacted transcript word against any quoted word, and a redacted quote word too", () => {
    expect(findQuote(index, "my name is Smith and I will examine your knee").match).toBe("normalized");
    expect(findQuote(buildTranscriptIndex("[doctor] hello dr smith here"), "hello dr [PERSON_NAME] here").match).toBe("normalized");
  });

  it("accepts a near miss at or above the threshold and reports its similarity", () => {
    const m = findQuote(index, "I just feel out of sorts recently. I don't know if");
    expect(m.match).toBe("fuzzy");
    expect(m.similarity).toBeGreaterThanOrEqual(0.85);
    expect(m.similarity).toBeLessThan(1);
  });

  it("rejects a quote that is not in the transcript, and a near miss below the threshold", () => {
    expect(findQuote(index, "the pain started after a skiing accident").match).toBe("none");
    expect(findQuote(index, "i just feel great about the seasons lately").match).toBe("none");
    expect(findQuote(index, "I just feel out of sorts recently. I don't know if", { fuzzyThreshold: 0.95 }).match).toBe("none");
  });

  it("returns none for an empty or punctuation-only quote", () => {
    expect(findQuote(index, "").match).toBe("none");
    expect(findQuote(index, " ... ").match).toBe("none");
  });
});

/** Deterministic pseudo-random transcript of `n` words over a 400-word vocabulary. */
function syntheticWords(n: number, seed: number): TimedWord[] {
  let x = seed >>> 0;
  const next = (): number => {
    // mulberry32
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const words: TimedWord[] = [];
  for (let i = 0; i < n; i++) {
    words.push({ text: `w${Math.floor(next() * 400)}`, start: i * 300, end: i * 300 + 250, speaker: i % 20 < 10 ? "A" : "B" });
  }
  return words;
}

function cost(n: number): number {
  const words = syntheticWords(n, 7);
  const counter: OperationCounter = { operations: 0 };
  const idx = buildTranscriptIndex({ words }, counter);
  const present = words.slice(100, 112).map((w) => w.text).join(" ");
  const nearMiss = words.slice(200, 212).map((w, i) => (i === 5 ? "zzz" : w.text)).join(" ");
  for (const quote of [present, nearMiss, "w1 w2 w3 w4 w5 w6 w7 w8", "not here at all in any way"]) findQuote(idx, quote, { counter });
  return counter.operations;
}

describe("findQuote complexity", () => {
  it("costs about 10x, not 100x, on a 10x longer transcript", () => {
    const small = cost(2_000);
    const large = cost(20_000);
    expect(large / small).toBeGreaterThan(5);
    expect(large / small).toBeLessThan(15);
  });

  it("still finds the planted quotes in the long transcript", () => {
    const words = syntheticWords(20_000, 7);
    const idx = buildTranscriptIndex({ words });
    const m = findQuote(idx, words.slice(15_000, 15_010).map((w) => w.text).join(" "));
    expect(m).toMatchObject({ match: "exact", start: 15_000, end: 15_010 });
  });
});
