import { MEDICATION_NAMES, MEDICATION_SUFFIXES, NOT_MEDICATIONS } from "./medication-names.js";
import type { AgreementToken } from "./tokens.js";

/** Shortest word the suffix heuristic considers (the shortest stems are 4 letters, "pril", "afil"). */
const MIN_SUFFIX_WORD = 7;

/** The canonical (generic) name of a word when it names a medication, else undefined. */
export function medicationOf(word: string): string | undefined {
  const known = MEDICATION_NAMES.get(word);
  if (known !== undefined) return known;
  if (word.length < MIN_SUFFIX_WORD || NOT_MEDICATIONS.has(word) || !/^[a-z]+$/.test(word)) return undefined;
  return MEDICATION_SUFFIXES.some((s) => word.endsWith(s)) ? word : undefined;
}

/**
 * Medications a text names: canonical (generic) name → the word as written first. Brand names map
 * to their generic ("Lasix" → furosemide); unknown names ending in a drug-class stem
 * ("-pril", "-sartan", "-statin"…) count as themselves.
 *
 * @example
 * ```ts
 * medicationsIn(tokenize("Continue Lasix and atorvastatin")); // Map { "furosemide" => "lasix", "atorvastatin" => "atorvastatin" }
 * ```
 */
export function medicationsIn(tokens: readonly AgreementToken[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind !== "word") continue;
    const canonical = medicationOf(t.text);
    if (canonical !== undefined && !out.has(canonical)) out.set(canonical, t.text);
  }
  return out;
}

/**
 * Medications the statement names that the quote does not (by canonical name).
 *
 * @example
 * ```ts
 * missingMedications(medicationsIn(tokenize("Start lisinopril")), medicationsIn(tokenize("start the water pill"))); // ["lisinopril"]
 * ```
 */
export function missingMedications(statement: ReadonlyMap<string, string>, quote: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [canonical, written] of statement) if (!quote.has(canonical)) out.push(written);
  return out;
}
