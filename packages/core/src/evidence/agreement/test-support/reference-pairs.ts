/**
 * Test support (never built): pairs each sentence of an ACI-BENCH reference note with the dialogue
 * span that supports it best, so the agreement rules can be measured on statements that are correct
 * by construction.
 */
import { readNumber } from "../numbers.js";
import { tokenize } from "../tokens.js";
import { isStopWord, stem } from "../words.js";

/** A reference sentence and the verbatim dialogue span chosen as its quote. */
export interface ReferencePair {
  encounter: string;
  sentence: string;
  quote: string;
  recall: number;
}

/** Matching keys of a text: stemmed content words, and numbers as digits ("five" and "5" meet). */
export function contentKeys(text: string): Set<string> {
  const tokens = tokenize(text);
  const keys = new Set<string>();
  for (let i = 0; i < tokens.length; ) {
    const n = readNumber(tokens, i);
    if (n && n.exact) {
      keys.add(`#${n.lo}`);
      i = n.end;
      continue;
    }
    const t = tokens[i];
    if (t && t.kind === "word" && t.text.length > 2 && !isStopWord(t.text)) keys.add(stem(t.text));
    i++;
  }
  return keys;
}

/** Sentences of a reference note: headings dropped, bullets and "Label:" prefixes kept as text. */
export function noteSentences(note: string): string[] {
  const out: string[] = [];
  for (const raw of note.split(/\n+/)) {
    const line = raw.replace(/^\s*[•*-]\s*/, "").trim();
    if (line === "" || /^[A-Z0-9 /&,()-]+:?$/.test(line) || line.endsWith(":")) continue;
    for (const s of line.split(/(?<=[.!?])\s+(?=[A-Z0-9])/)) if (s.trim().length > 0) out.push(s.trim());
  }
  return out;
}

/** Longest dialogue unit, in words: unpunctuated turns (a third of ACI-BENCH) are cut into pieces of this size. */
const MAX_UNIT_WORDS = 30;

/** Sentences of an ACI-BENCH dialogue (`[doctor] … .` lines, tokens spaced), as verbatim text. */
export function dialogueSentences(src: string): string[] {
  const out: string[] = [];
  for (const line of src.split("\n")) {
    const text = line.replace(/^\s*\[[^\]]*\]\s*/, "").trim();
    for (const s of text.split(/(?<=[.?!])\s+/)) {
      const words = s.split(/\s+/).filter((w) => w.length > 0);
      for (let i = 0; i < words.length; i += MAX_UNIT_WORDS) out.push(words.slice(i, i + MAX_UNIT_WORDS).join(" "));
    }
  }
  return out;
}

/** Options of {@link referencePairs}. */
export interface PairOptions {
  /** Longest span, in dialogue sentences. @default 3 */
  maxSpan?: number;
  /** Share of the sentence's keys the span must hold. @default 0.6 */
  minRecall?: number;
  /** Fewest shared keys. @default 3 */
  minShared?: number;
}

/**
 * Pairs each sentence of `note` with the span of 1..`maxSpan` consecutive dialogue sentences whose
 * keys best cover it (F2: coverage of the sentence weighs four times the span's precision).
 * Sentences with no span at `minRecall` coverage are left out (a summary no single span supports).
 */
export function referencePairs(encounter: string, note: string, dialogue: string, options: PairOptions = {}): { pairs: ReferencePair[]; sentences: number } {
  const maxSpan = options.maxSpan ?? 3;
  const minRecall = options.minRecall ?? 0.6;
  const minShared = options.minShared ?? 3;
  const units = dialogueSentences(dialogue);
  const unitKeys = units.map(contentKeys);
  const pairs: ReferencePair[] = [];
  const sentences = noteSentences(note);
  for (const sentence of sentences) {
    const keys = contentKeys(sentence);
    if (keys.size < minShared) continue;
    let best = { score: 0, recall: 0, shared: 0, from: 0, to: 0 };
    for (let from = 0; from < units.length; from++) {
      const span = new Set<string>();
      for (let to = from; to < Math.min(units.length, from + maxSpan); to++) {
        for (const k of unitKeys[to] ?? []) span.add(k);
        let shared = 0;
        for (const k of keys) if (span.has(k)) shared++;
        if (shared === 0) continue;
        const recall = shared / keys.size;
        const precision = shared / span.size;
        const score = (5 * precision * recall) / (4 * precision + recall);
        if (score > best.score) best = { score, recall, shared, from, to };
      }
    }
    if (best.recall >= minRecall && best.shared >= minShared) {
      pairs.push({ encounter, sentence, quote: units.slice(best.from, best.to + 1).join(" "), recall: Math.round(best.recall * 100) / 100 });
    }
  }
  return { pairs, sentences: sentences.length };
}
