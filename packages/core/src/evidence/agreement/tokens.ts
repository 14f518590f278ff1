/** One token of a statement or a quote, lower-cased; apostrophes are folded to `'`. */
export interface AgreementToken {
  text: string;
  kind: "word" | "number" | "symbol";
}

/**
 * Digits (with thousands commas and one decimal part), words (a letter, then letters and digits, so
 * "A1c" and "B12" stay whole; inner apostrophes, so "don't" and ACI-BENCH's split "n't" do too), or
 * one other visible character. Every
 * alternative is a run of one character class, so matching is linear in the text length.
 */
const TOKEN = /\d+(?:,\d{3})*(?:\.\d+)?|\p{L}[\p{L}\p{M}\d]*(?:['\u2018\u2019\u02bc][\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc]/g;

/**
 * Longest text (in tokens) the agreement rules look at: comparisons are at worst quadratic in the
 * number of quantities, so a hostile 1 MB "statement" stays cheap. Quotes are at most 1,000 tokens
 * (`findQuote`), statements a sentence or two.
 */
export const MAX_AGREEMENT_TOKENS = 2000;

/**
 * Splits text into agreement tokens (at most {@link MAX_AGREEMENT_TOKENS}).
 *
 * @example
 * ```ts
 * tokenize("BP 120/80, don't").map((t) => t.text); // ["bp", "120", "/", "80", ",", "don't"]
 * ```
 */
export function tokenize(text: string): AgreementToken[] {
  const out: AgreementToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    const kind = c >= 48 && c <= 57 ? "number" : /[\p{L}\p{M}]/u.test(raw) ? "word" : "symbol";
    out.push({ text: kind === "word" ? raw.toLowerCase().replace(APOSTROPHES, "'") : raw, kind });
    if (out.length >= MAX_AGREEMENT_TOKENS) break;
  }
  return out;
}

/** Sentence-ending symbols: a clause boundary for every rule. */
export const SENTENCE_END = new Set([".", "?", "!", ";"]);
