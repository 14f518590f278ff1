/** Turns one token into its stem (e.g. the Porter stemmer). */
export type Stemmer = (token: string) => string;

const NON_ALPHANUMERIC = /[^a-z0-9]+/g;

/**
 * Tokens of `text` as Google's `rouge-score` makes them: lower case, every run of characters other
 * than `a-z` and `0-9` becomes a space (so accented letters, other scripts and punctuation split
 * words and vanish), split on spaces, and, with a `stemmer`, every token longer than 3 characters
 * replaced by its stem.
 *
 * @example
 * ```ts
 * rougeTokens("Pain: 3/10, worse!"); // ["pain", "3", "10", "worse"]
 * ```
 */
export function rougeTokens(text: string, stemmer?: Stemmer): string[] {
  const parts = text.toLowerCase().replace(NON_ALPHANUMERIC, " ").split(" ");
  const out: string[] = [];
  for (const part of parts) {
    if (part === "") continue;
    const token = stemmer !== undefined && part.length > 3 ? stemmer(part) : part;
    // A stemmer could in principle return something else; rouge-score keeps only [a-z0-9]+ tokens.
    if (/^[a-z0-9]+$/.test(token)) out.push(token);
  }
  return out;
}

/**
 * Gives each distinct token a small integer, so LCS tables compare numbers instead of strings. One
 * vocabulary must serve both texts of a pair.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();

  /** The ids of `tokens`, adding unseen ones. */
  encode(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as string;
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(t, id);
      }
      out[i] = id;
    }
    return out;
  }
}
