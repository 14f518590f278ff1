import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { porterStem } from "./porter-stem.js";
import { ROUGE_TYPES, rougeScores } from "./rouge.js";
import { rougeTokens } from "./tokenize.js";

const f1 = (ref: string, pred: string, stem = false) => {
  const s = rougeScores(ref, pred, stem ? { stemmer: porterStem } : {});
  return { rouge1: s.rouge1.f1, rouge2: s.rouge2.f1, rougeL: s.rougeL.f1, rougeLsum: s.rougeLsum.f1 };
};

describe("rougeTokens", () => {
  it("lower-cases and splits on every run of characters outside a-z and 0-9", () => {
    expect(rougeTokens("BP 120/80, HR: 72!")).toEqual(["bp", "120", "80", "hr", "72"]);
  });

  it("drops accented letters and other scripts as rouge-score does (they are not a-z)", () => {
    expect(rougeTokens("Café — naïve résumé 発熱")).toEqual(["caf", "na", "ve", "r", "sum"]);
  });

  it("stems only tokens longer than 3 characters", () => {
    expect(rougeTokens("runs running ran", porterStem)).toEqual(["run", "run", "ran"]);
    expect(rougeTokens("was has", porterStem)).toEqual(["was", "has"]);
  });
});

describe("rougeScores: hand-computed cases", () => {
  it("scores a permutation: every unigram, no bigram, an LCS of 2 of 4 whatever tie is taken", () => {
    expect(f1("a b c d", "b a d c")).toEqual({ rouge1: 1, rouge2: 0, rougeL: 0.5, rougeLsum: 0.5 });
  });

  it("clips repeated n-grams to the reference's count", () => {
    // rouge1: overlap 1, P = 1/1, R = 1/3, F = 0.5; rouge2: the prediction has no bigram.
    const s = rougeScores("the the the", "the");
    expect(s.rouge1).toEqual({ precision: 1, recall: 1 / 3, f1: 0.5 });
    expect(s.rouge2.f1).toBe(0);
  });

  it("breaks LCS ties like rouge-score's backtrack, which decides ROUGE-Lsum's union", () => {
    // Reference sentence [a b]; candidate sentences [b a] and [a]. rouge-score's backtrack of
    // [a b] vs [b a] keeps "a" (not "b"), so the union is {a}: 1 hit, P = 1/3, R = 1/2, F = 0.4.
    // Taking "b" would give 2 hits and F = 0.8.
    const s = rougeScores("a b", "b a\na");
    expect(s.rougeLsum.precision).toBeCloseTo(1 / 3, 12);
    expect(s.rougeLsum.recall).toBeCloseTo(1 / 2, 12);
    expect(s.rougeLsum.f1).toBeCloseTo(0.4, 12);
  });

  it("unions the LCSs of one reference sentence with several candidate sentences (Lsum beats L)", () => {
    // Whole-text LCS of [x y z w] vs [z w x y] is 2; per sentence, [x y] and [z w] are both found.
    const s = f1("x y\nz w", "z w\nx y");
    expect(s.rougeL).toBe(0.5);
    expect(s.rougeLsum).toBe(1);
  });

  it("scores 0 when either text is empty or has no token", () => {
    for (const [ref, pred] of [["", ""], ["knee pain", ""], ["", "knee pain"], ["knee pain", "!!! --- ???"]]) {
      expect(f1(ref as string, pred as string)).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0, rougeLsum: 0 });
    }
  });

  it("treats text that differs only in accents as different words", () => {
    expect(f1("café", "cafe").rouge1).toBe(0);
    // [na, ve, patient] against [naive, patient]: 1 shared token, P = 1/2, R = 1/3, F = 0.4.
    expect(f1("naïve patient", "naive patient").rouge1).toBeCloseTo(0.4, 12);
  });

  it("matches stemmed forms only with a stemmer", () => {
    expect(f1("the patient is running", "the patient runs").rouge1).toBeCloseTo(2 * (2 / 3) * (2 / 4) / (2 / 3 + 2 / 4), 12);
    expect(f1("the patient is running", "the patient runs", true).rouge1).toBeCloseTo(2 * 1 * (3 / 4) / (1 + 3 / 4), 12);
  });

  it("scores a long note and its reverse: all unigrams, no bigram, an LCS of 1", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    const s = f1(words.join(" "), [...words].reverse().join(" "));
    expect(s.rouge1).toBe(1);
    expect(s.rouge2).toBe(0);
    expect(s.rougeL).toBeCloseTo(1 / 3000, 12);
  });

  it("scores a long note against itself as 1", () => {
    const text = Array.from({ length: 400 }, (_, i) => `Line ${i}: the patient reports knee pain ${i % 7}.`).join("\n");
    expect(f1(text, text)).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1, rougeLsum: 1 });
  });
});

const wordText = fc
  .array(fc.oneof(fc.constantFrom("knee", "pain", "the", "left", "Right", "ibuprofen", "mg", "50", "é", "—", "\n", "."), fc.string({ maxLength: 6 })), { maxLength: 40 })
  .map((w) => w.join(" "));

describe("rougeScores: properties", () => {
  it("gives every precision, recall and F1 in [0, 1]", () => {
    fc.assert(
      fc.property(wordText, wordText, fc.boolean(), (a, b, stem) => {
        const s = rougeScores(a, b, stem ? { stemmer: porterStem } : {});
        for (const t of ROUGE_TYPES) for (const v of Object.values(s[t])) expect(v >= 0 && v <= 1, `${t} ${v}`).toBe(true);
      }),
    );
  });

  it("is symmetric in F1 for ROUGE-1, ROUGE-2 and ROUGE-L (precision and recall swap)", () => {
    fc.assert(
      fc.property(wordText, wordText, (a, b) => {
        const ab = rougeScores(a, b);
        const ba = rougeScores(b, a);
        for (const t of ["rouge1", "rouge2", "rougeL"] as const) {
          expect(ab[t].f1).toBeCloseTo(ba[t].f1, 12);
          expect(ab[t].precision).toBeCloseTo(ba[t].recall, 12);
        }
      }),
    );
  });

  it("scores identical text 1 (ROUGE-2 once there is a bigram)", () => {
    fc.assert(
      fc.property(wordText, (a) => {
        const n = rougeTokens(a).length;
        const s = rougeScores(a, a);
        expect(s.rouge1.f1).toBe(n > 0 ? 1 : 0);
        expect(s.rougeL.f1).toBe(n > 0 ? 1 : 0);
        expect(s.rougeLsum.f1).toBe(n > 0 ? 1 : 0);
        expect(s.rouge2.f1).toBe(n > 1 ? 1 : 0);
      }),
    );
  });
});
