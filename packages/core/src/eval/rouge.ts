import { LcsScratch, lcsLength, markLcs } from "./lcs.js";
import { rougeTokens, type Stemmer, Vocabulary } from "./tokenize.js";

/**
 * The ROUGE variants scored, named as in `rouge-score`: unigram and bigram overlap, the longest
 * common subsequence over the whole text, and ROUGE-Lsum (the summary-level LCS over newline-split
 * sentences, with the union LCS).
 */
export const ROUGE_TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"] as const;

/** One of {@link ROUGE_TYPES}. */
export type RougeType = (typeof ROUGE_TYPES)[number];

/** Precision, recall and F1 of one ROUGE variant, each in [0, 1]. */
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Options of {@link rougeScores}. */
export interface RougeOptions {
  /**
   * Stems tokens longer than 3 characters, as `rouge-score`'s `use_stemmer=True` does. Pass
   * {@link porterStem} (or any stemmer); without one no token is stemmed.
   * @default undefined
   */
  stemmer?: Stemmer;
}

function score(overlap: number, predictionCount: number, referenceCount: number): RougeScore {
  const precision = overlap / Math.max(predictionCount, 1);
  const recall = overlap / Math.max(referenceCount, 1);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

const ZERO: RougeScore = { precision: 0, recall: 0, f1: 0 };

// Bigram keys as one number: ids stay far below 2^21 for any text that fits in memory.
const SHIFT = 2 ** 21;

function ngramCounts(ids: Int32Array, n: 1 | 2): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i + n <= ids.length; i++) {
    const key = n === 1 ? (ids[i] as number) : (ids[i] as number) * SHIFT + (ids[i + 1] as number);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function rougeN(ref: Int32Array, pred: Int32Array, n: 1 | 2): RougeScore {
  const refCounts = ngramCounts(ref, n);
  const predCounts = ngramCounts(pred, n);
  let overlap = 0;
  for (const [key, c] of predCounts) overlap += Math.min(c, refCounts.get(key) ?? 0);
  return score(overlap, Math.max(pred.length - n + 1, 0), Math.max(ref.length - n + 1, 0));
}

function rougeL(ref: Int32Array, pred: Int32Array): RougeScore {
  if (ref.length === 0 || pred.length === 0) return ZERO;
  return score(lcsLength(ref, pred), pred.length, ref.length);
}

function countIds(sentences: readonly Int32Array[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const s of sentences) for (const id of s) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * Summary-level LCS (ROUGE-Lsum): for each reference sentence, the union of its LCS with every
 * candidate sentence; each token of that union is a hit while both texts still have an unused copy.
 */
function rougeLsum(refSentences: readonly Int32Array[], predSentences: readonly Int32Array[]): RougeScore {
  const m = refSentences.reduce((n, s) => n + s.length, 0);
  const n = predSentences.reduce((k, s) => k + s.length, 0);
  if (m === 0 || n === 0) return ZERO;
  const refLeft = countIds(refSentences);
  const predLeft = countIds(predSentences);
  let hits = 0;
  const scratch = new LcsScratch();
  // Which token ids the current reference sentence has: a candidate sentence sharing none of them
  // has an empty LCS with it and is skipped (most are, in a long note).
  const inRef = new Uint8Array(countMax(refSentences, predSentences));
  for (const ref of refSentences) {
    for (const id of ref) inRef[id] = 1;
    const marks = new Uint8Array(ref.length);
    for (const pred of predSentences) {
      let shares = false;
      for (const id of pred) {
        if (inRef[id] === 1) {
          shares = true;
          break;
        }
      }
      if (shares) markLcs(ref, pred, marks, scratch);
    }
    for (const id of ref) inRef[id] = 0;
    for (let i = 0; i < ref.length; i++) {
      if (marks[i] !== 1) continue;
      const id = ref[i] as number;
      const r = refLeft.get(id) ?? 0;
      const p = predLeft.get(id) ?? 0;
      if (r > 0 && p > 0) {
        hits++;
        refLeft.set(id, r - 1);
        predLeft.set(id, p - 1);
      }
    }
  }
  return score(hits, n, m);
}

function memoize(stemmer: Stemmer): Stemmer {
  const seen = new Map<string, string>();
  return (token) => {
    let out = seen.get(token);
    if (out === undefined) {
      out = stemmer(token);
      seen.set(token, out);
    }
    return out;
  };
}

function concat(parts: readonly Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One more than the largest token id of the sentences. */
function countMax(a: readonly Int32Array[], b: readonly Int32Array[]): number {
  let max = -1;
  for (const list of [a, b]) for (const s of list) for (const id of s) if (id > max) max = id;
  return max + 1;
}

/** Non-empty lines, as `rouge-score` splits a summary into sentences for ROUGE-Lsum. */
function sentences(text: string): string[] {
  return text.split("\n").filter((line) => line.length > 0);
}

/**
 * ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum of `prediction` against `reference`, with Google's
 * `rouge-score` definitions (its tokenizer, clipped n-gram counts, LCS, and the summary-level union
 * LCS for Lsum over newline-split sentences). An empty text on either side scores 0.
 *
 * @example
 * ```ts
 * rougeScores("the cat sat", "the cat sat").rougeL.f1; // 1
 * rougeScores(reference, prediction, { stemmer: porterStem }).rouge1.f1;
 * ```
 */
export function rougeScores(reference: string, prediction: string, options: RougeOptions = {}): Record<RougeType, RougeScore> {
  const vocab = new Vocabulary();
  // Stems repeat a lot within a pair: remember them for this call.
  const stem = options.stemmer !== undefined ? memoize(options.stemmer) : undefined;
  // "\n" is not alphanumeric, so the whole text's tokens are its lines' tokens end to end.
  const refSentences = sentences(reference).map((s) => vocab.encode(rougeTokens(s, stem)));
  const predSentences = sentences(prediction).map((s) => vocab.encode(rougeTokens(s, stem)));
  const ref = concat(refSentences);
  const pred = concat(predSentences);
  return {
    rouge1: rougeN(ref, pred, 1),
    rouge2: rougeN(ref, pred, 2),
    rougeL: rougeL(ref, pred),
    rougeLsum: rougeLsum(refSentences, predSentences),
  };
}
