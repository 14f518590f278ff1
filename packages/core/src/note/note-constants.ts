// The note's names (sections, titles, warning codes) without its zod schemas: code that only needs
// the names (the Markdown export, the parser) bundles no validator.
import { SOAP_SECTIONS } from "@org/soap-prompts";

/**
 * The four SOAP sections, in note order (defined once, in `@org/soap-prompts`).
 * @example
 * ```ts
 * for (const s of SOAP_SECTIONS) console.log(note.sections[s].title);
 * ```
 */
export { SOAP_SECTIONS };

/** One of the four SOAP sections (same names as `@org/soap-prompts`' `SoapSection`). */
export type SoapSectionName = (typeof SOAP_SECTIONS)[number];

/**
 * Default human titles of the four sections.
 * @example
 * ```ts
 * SECTION_TITLES.plan; // "Plan"
 * ```
 */
export const SECTION_TITLES: Readonly<Record<SoapSectionName, string>> = {
  subjective: "Subjective",
  objective: "Objective",
  assessment: "Assessment",
  plan: "Plan",
};

/**
 * Codes of the warnings a note can carry: `missing_section` (no heading for it), `empty_section`,
 * `unsupported_quote` (not in the transcript), `fuzzy_quote` (near miss only), `redaction_marker`
 * (`####` / `[PERSON_NAME]` in prose), `no_evidence` (statement without a quote where one is
 * required), `parse_fallback` (no heading at all), `unassigned_text`, `section_failed` (its request
 * failed), `repair_retry` (a structured answer needed the repair retry), `roles_unavailable`
 * (clinician/patient roles are unknown or incomplete: the model named no usable labels, role
 * identification failed, or `transcript_id` mode hid the labels; quotes keep speaker labels), and the statement-vs-quote
 * agreement checks (checked without a model, against the statement's found quotes):
 * - `quote_number_mismatch`: a number with its unit (dose, vital, duration, age) differs from the
 *   quote's ("statement says 50 mg, its quote says 15 mg").
 * - `quote_laterality_mismatch`: the statement says left where its quote says right, or the reverse.
 * - `quote_negation_mismatch`: the quote denies a finding the statement asserts, or asserts one it denies.
 * - `quote_medication_missing`: the statement names a medication its quotes do not.
 * @example
 * ```ts
 * const serious = note.warnings.filter((w) => w.code === "unsupported_quote" || w.code === "redaction_marker");
 * ```
 */
export const NOTE_WARNING_CODES = [
  "missing_section",
  "empty_section",
  "unsupported_quote",
  "fuzzy_quote",
  "redaction_marker",
  "no_evidence",
  "parse_fallback",
  "unassigned_text",
  "section_failed",
  "repair_retry",
  "roles_unavailable",
  "quote_number_mismatch",
  "quote_laterality_mismatch",
  "quote_negation_mismatch",
  "quote_medication_missing",
] as const;

/** A warning code: see {@link NOTE_WARNING_CODES}. */
export type NoteWarningCode = (typeof NOTE_WARNING_CODES)[number];
