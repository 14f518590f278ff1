import { hasRedactionLeak } from "../evidence/redaction-leaks.js";
import { SOAP_SECTIONS, type SoapNote } from "../note/soap-note.js";

/** Faithfulness of one note from our own checks (see {@link noteFaithfulness}). */
export interface Faithfulness {
  /** Statements whose evidence was verified (found exactly or normalised) over all statements; `null` without statements or note JSON. */
  verified_share: number | null;
  /** `unsupported_quote` warnings: quotes not found in the transcript (`null` for a note given as text). */
  unsupported_quotes: number | null;
  /** Sections missing or empty (0–4). */
  missing_sections: number;
  /** Redaction markers (`####`, `[PERSON_NAME]`) in the note's prose. */
  redaction_leaks: number;
}

/**
 * Faithfulness of a note our engine wrote, from what its evidence check recorded: the share of
 * statements with at least one verified quote (an `exact` or `normalized` match; a fuzzy near miss
 * does not count), the note's `unsupported_quote` warnings, the sections that are missing or
 * empty, and the `redaction_marker` warnings.
 *
 * @example
 * ```ts
 * noteFaithfulness(note).verified_share; // 0.92
 * ```
 */
export function noteFaithfulness(note: SoapNote): Faithfulness {
  let statements = 0;
  let verified = 0;
  let missing = 0;
  const flagged = new Set(note.warnings.filter((w) => w.code === "missing_section" || w.code === "empty_section").map((w) => w.section));
  for (const s of SOAP_SECTIONS) {
    const section = note.sections[s];
    if (flagged.has(s) || section.text.trim() === "") missing++;
    for (const st of section.statements) {
      statements++;
      if (st.evidence.some((e) => e.found && (e.match === "exact" || e.match === "normalized"))) verified++;
    }
  }
  return {
    verified_share: statements === 0 ? null : verified / statements,
    unsupported_quotes: note.warnings.filter((w) => w.code === "unsupported_quote").length,
    missing_sections: missing,
    redaction_leaks: note.warnings.filter((w) => w.code === "redaction_marker").length,
  };
}

/**
 * What can be checked of a note given only as text (another system's prediction): sections missing
 * or empty once parsed, and lines whose prose carries a redaction marker. Quotes are not checked.
 */
export function textFaithfulness(sections: Readonly<Record<(typeof SOAP_SECTIONS)[number], string>>): Faithfulness {
  let missing = 0;
  let leaks = 0;
  for (const s of SOAP_SECTIONS) {
    const text = sections[s];
    if (text.trim() === "") missing++;
    for (const line of text.split("\n")) if (hasRedactionLeak(line)) leaks++;
  }
  return { verified_share: null, unsupported_quotes: null, missing_sections: missing, redaction_leaks: leaks };
}
