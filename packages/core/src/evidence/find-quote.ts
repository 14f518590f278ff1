import { splitWords, tokenizeText, WILDCARD } from "../internal/text/normalize.js";
import type { OperationCounter, TranscriptIndex } from "./transcript-index.js";

/** Options of {@link findQuote}. */
export interface FindQuoteOptions {
  /**
   * Minimum similarity for a near miss. Similarity = 1 − (token edit distance between the quote and
   * the best transcript span) / max(quote tokens, span tokens), with a redacted token matching any
   * token at no cost. 0.85 accepts one changed word in 7, two in 14.
   * @default 0.85
   */
  fuzzyThreshold?: number;
  /** How many of the quote's rarest tokens anchor near-miss candidates. @default 4 */
  anchors?: number;
  /** How many candidate windows (most anchor votes first) get the edit-distance check. @default 8 */
  candidates?: number;
  /** Quotes with more tokens than this are matched exactly/normalised only (the alignment is O(m²)). @default 300 */
  maxFuzzyTokens?: number;
  /** Longer quotes are not looked up at all (`none`): verification costs O(m) per candidate. @default 1000 */
  maxQuoteTokens?: number;
  counter?: OperationCounter;
}

/** Where and how a quote was found: `start`/`end` are token positions `[start, end)`. */
export interface QuoteMatch {
  match: "exact" | "normalized" | "fuzzy" | "none";
  similarity: number;
  start: number;
  end: number;
}

const NONE: QuoteMatch = { match: "none", similarity: 0, start: -1, end: -1 };
const EDGE_PUNCT = /^[^\p{L}\p{N}#[\]]+|[^\p{L}\p{N}#[\]]+$/gu;

const same = (a: string | undefined, b: string | undefined): boolean => a === b || a === WILDCARD || b === WILDCARD;

function rawSpan(index: TranscriptIndex, start: number, end: number): string {
  const first = index.source[start] ?? 0;
  const last = index.source[end - 1] ?? first;
  return index.words
    .slice(first, last + 1)
    .map((w) => w.text)
    .join(" ");
}

function isExact(index: TranscriptIndex, quote: string, start: number, end: number, q: string[]): boolean {
  if (q.includes(WILDCARD)) return false;
  for (let i = start; i < end; i++) if (index.tokens[i] === WILDCARD) return false;
  const norm = (s: string): string => splitWords(s).join(" ").replace(EDGE_PUNCT, "").toLowerCase();
  return norm(quote) === norm(rawSpan(index, start, end));
}

/** Semi-global token edit distance of `q` against any span of `t[from, to)`; returns the best span. */
function align(q: string[], t: string[], from: number, to: number, counter?: OperationCounter): { distance: number; start: number; end: number } {
  const w = to - from;
  let prev = new Array<number>(w + 1).fill(0);
  let prevStart = Array.from({ length: w + 1 }, (_, j) => from + j);
  for (let i = 1; i <= q.length; i++) {
    const cur = new Array<number>(w + 1);
    const curStart = new Array<number>(w + 1);
    cur[0] = i;
    curStart[0] = from;
    for (let j = 1; j <= w; j++) {
      const sub = (prev[j - 1] as number) + (same(q[i - 1], t[from + j - 1]) ? 0 : 1);
      const del = (prev[j] as number) + 1;
      const ins = (cur[j - 1] as number) + 1;
      if (sub <= del && sub <= ins) {
        cur[j] = sub;
        curStart[j] = prevStart[j - 1] as number;
      } else if (del <= ins) {
        cur[j] = del;
        curStart[j] = prevStart[j] as number;
      } else {
        cur[j] = ins;
        curStart[j] = curStart[j - 1] as number;
      }
    }
    prev = cur;
    prevStart = curStart;
  }
  if (counter) counter.operations += q.length * w;
  let best = { distance: Number.POSITIVE_INFINITY, start: from, end: from };
  for (let j = 1; j <= w; j++) {
    const d = prev[j] as number;
    if (d < best.distance) best = { distance: d, start: prevStart[j] as number, end: from + j };
  }
  return best;
}

/**
 * Finds a quote in an indexed transcript. Exact and normalised matches: the quote's rarest token is
 * looked up in the index and each of its positions is verified, O(freq · m). Near misses: the
 * `anchors` rarest quote tokens vote for window starts; the `candidates` best-voted windows (widened
 * by a quarter of the quote length) are aligned by token edit distance, O(n + candidates · m²). Both
 * are linear in transcript size. Quotes over `maxQuoteTokens` are not looked up, and quotes over
 * `maxFuzzyTokens` get no near-miss search, so hostile quotes cannot blow the cost up.
 *
 * @example
 * ```ts
 * const index = buildTranscriptIndex("[patient] my knee hurts when i climb stairs .");
 * findQuote(index, "My knee hurts").match; // "exact"
 * ```
 */
export function findQuote(index: TranscriptIndex, quote: string, options: FindQuoteOptions = {}): QuoteMatch {
  const q = tokenizeText(quote);
  const counter = options.counter;
  const m = q.length;
  if (m === 0 || m > (options.maxQuoteTokens ?? 1000)) return NONE;
  const n = index.tokens.length;
  const known = [...new Set(q.filter((t) => t !== WILDCARD))]
    .map((t) => ({ token: t, list: index.positions.get(t) ?? [] }))
    .sort((a, b) => a.list.length - b.list.length);
  if (known.length === 0) return NONE;

  // Anchor on the rarest token that occurs: a quote token absent from the transcript may still match
  // a redacted transcript word.
  const rarest = known.find((k) => k.list.length > 0);
  if (rarest) {
    const offset = q.indexOf(rarest.token);
    let normalized: QuoteMatch | null = null;
    for (const p of rarest.list) {
      const s = p - offset;
      if (s < 0 || s + m > n) continue;
      let k = 0;
      while (k < m && same(q[k], index.tokens[s + k])) k++;
      if (counter) counter.operations += k + 1;
      if (k < m) continue;
      if (isExact(index, quote, s, s + m, q)) return { match: "exact", similarity: 1, start: s, end: s + m };
      normalized ??= { match: "normalized", similarity: 1, start: s, end: s + m };
    }
    if (normalized) return normalized;
  }

  const threshold = options.fuzzyThreshold ?? 0.85;
  // A quote this short cannot reach the threshold with even one edit.
  if (m < 2 || 1 - 1 / m < threshold || m > (options.maxFuzzyTokens ?? 300)) return NONE;
  const votes = new Map<number, number>();
  for (const { token, list } of known.filter((k) => k.list.length > 0).slice(0, options.anchors ?? 4)) {
    const offset = q.indexOf(token);
    for (const p of list) {
      const s = p - offset;
      votes.set(s, (votes.get(s) ?? 0) + 1);
    }
    if (counter) counter.operations += list.length;
  }
  const limit = options.candidates ?? 8;
  const top: [number, number][] = [];
  for (const entry of votes) {
    if (top.length < limit) top.push(entry);
    else {
      let worst = 0;
      for (let i = 1; i < top.length; i++) if ((top[i] as [number, number])[1] < (top[worst] as [number, number])[1]) worst = i;
      if (entry[1] > (top[worst] as [number, number])[1]) top[worst] = entry;
    }
    if (counter) counter.operations += 1;
  }
  const slack = Math.ceil(m / 4) + 1;
  let best = NONE;
  for (const [s] of top) {
    const from = Math.max(0, s - slack);
    const to = Math.min(n, s + m + slack);
    if (to <= from) continue;
    const a = align(q, index.tokens, from, to, counter);
    const similarity = 1 - a.distance / Math.max(m, a.end - a.start);
    if (similarity > best.similarity) best = { match: a.distance === 0 ? "normalized" : "fuzzy", similarity, start: a.start, end: a.end };
  }
  return best.similarity >= threshold ? best : { ...NONE, similarity: Math.max(0, best.similarity) };
}
