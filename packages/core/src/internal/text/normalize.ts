/**
 * Text normalisation shared by the parser and the evidence checker.
 * Tokens are lower-case runs of letters and digits with diacritics and apostrophes removed, so
 * "Don't," and "do n't" (ACI-BENCH's tokenisation) both give "dont". A redacted word (`####`,
 * `[PERSON_NAME]`) becomes {@link WILDCARD}, which matches any one word.
 */

/** Token standing for one redacted word. */
export const WILDCARD = "\u0000";

const APOSTROPHES = /['\u2018\u2019\u02bc`]/g;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}+/gu;
const HASH_WORD = /^[^\p{L}\p{N}]*#+[^\p{L}\p{N}]*$/u;
const TAG_WORD = /\[[A-Z][A-Z0-9_]*\]/;
const CONTRACTION = /^['\u2019](s|re|ll|ve|m|d|t)\b|^n['\u2019]t\b/i;

/** True when a whitespace-free word is (or carries) a redaction marker. */
export function isRedactedWord(word: string): boolean {
  return HASH_WORD.test(word) || word.includes("##") || TAG_WORD.test(word);
}

/** Normalises one whitespace-free word to zero or more tokens (no wildcard handling). */
export function wordTokens(word: string): string[] {
  return word
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(APOSTROPHES, "")
    .split(NON_WORD)
    .filter((t) => t.length > 0);
}

/** Tokens of a word list, with for each token the index of the word it came from. */
export interface TokenStream {
  tokens: string[];
  source: number[];
}

/**
 * Tokenises a list of words. A word that starts a contraction ("n't", "'s") is glued to the token
 * before it, so split contractions match joined ones.
 */
export function tokenizeWords(words: readonly string[]): TokenStream {
  const tokens: string[] = [];
  const source: number[] = [];
  words.forEach((word, i) => {
    if (isRedactedWord(word)) {
      tokens.push(WILDCARD);
      source.push(i);
      return;
    }
    const parts = wordTokens(word);
    if (parts.length === 0) return;
    const last = tokens.length - 1;
    let from = 0;
    if (CONTRACTION.test(word) && last >= 0 && tokens[last] !== WILDCARD && source[last] === i - 1) {
      tokens[last] = (tokens[last] ?? "") + parts[0];
      from = 1;
    }
    for (let k = from; k < parts.length; k++) {
      tokens.push(parts[k] as string);
      source.push(i);
    }
  });
  return { tokens, source };
}

/** Splits text into whitespace-free words. */
export function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

/** Tokenises free text (see {@link tokenizeWords}). */
export function tokenizeText(text: string): string[] {
  return tokenizeWords(splitWords(text)).tokens;
}

/** The input with every whitespace character removed (used to state "no text lost" invariants). */
export function nonWhitespace(text: string): string {
  return text.replace(/\s+/g, "");
}
