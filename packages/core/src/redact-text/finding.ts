import type { ScrubberPolicy } from "./scrub-policies.js";

/**
 * One identifier the scrubber found: its policy and where it is (`[start, end)` offsets in the text
 * that was scanned). Never the value itself, so findings can be logged or counted safely.
 */
export interface ScrubFinding {
  policy: ScrubberPolicy;
  start: number;
  end: number;
}

/** A finding's edges without surrounding punctuation (`"0147."` → `"0147"`). */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && EDGE_PUNCT.has(text.charAt(s))) s++;
  while (e > s && EDGE_PUNCT.has(text.charAt(e - 1))) e--;
  return [s, e];
}

const EDGE_PUNCT: ReadonlySet<string> = new Set([".", ",", ";", ":", "!", "?", "'", '"', "’", "”", "“", " ", "\t"]);
