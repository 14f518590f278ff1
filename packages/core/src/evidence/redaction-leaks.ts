const MARKER = /#{2,}|\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\]/;
// A bracketed quote must hold a space (so `[PERSON_NAME]` stays a marker). Neither half of it may
// contain `[`: with `[^\]\n]*\s[^\]\n]*` an unclosed `[` before a long line backtracked
// quadratically per start (a 46 kB model answer took over a minute).
const QUOTED = /"[^"\n]*"|\u201c[^\u201d\n]*\u201d|\[[^\][\n\s]*\s[^\][\n]*\]/g;

/**
 * True when prose (outside quotes) carries a redaction marker: a run of two or more `#`, or a tag like
 * `[PERSON_NAME]`. A quote may mirror a redacted transcript; the prose of a note should not.
 *
 * @example
 * ```ts
 * hasRedactionLeak("#### is a 58-year-old male"); // true
 * hasRedactionLeak('He said "my name is ####"');  // false
 * ```
 */
export function hasRedactionLeak(prose: string): boolean {
  return MARKER.test(prose.replace(QUOTED, " "));
}
