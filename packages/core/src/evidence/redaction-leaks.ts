const MARKER = /#{2,}|\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\]/;
const QUOTED = /"[^"\n]*"|\u201c[^\u201d\n]*\u201d|\[[^\]\n]*\s[^\]\n]*\]/g;

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
