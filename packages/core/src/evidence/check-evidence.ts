import type { Evidence, NoteWarning, SoapNote, SoapSectionName, Statement } from "../note/soap-note.js";
import { SOAP_SECTIONS } from "../note/note-constants.js";
import { findQuote, type FindQuoteOptions, type QuoteMatch } from "./find-quote.js";
import { checkAgreement } from "./agreement/check-agreement.js";
import { hasRedactionLeak } from "./redaction-leaks.js";
import { buildTranscriptIndex, type EvidenceTranscript, type OperationCounter, type TranscriptIndex } from "./transcript-index.js";

/** Options of {@link checkEvidence}. */
export interface CheckEvidenceOptions extends Omit<FindQuoteOptions, "counter"> {
  /** Role per speaker label (e.g. `{ A: "clinician", B: "patient" }`); merged over roles the dialogue labels imply. */
  speakerRoles?: Record<string, string>;
  /** Sections whose statements must cite a quote; others get no `no_evidence` warning. @default [] */
  requireEvidenceIn?: SoapSectionName[];
  /** Counts elementary steps (index build + matching). */
  counter?: OperationCounter;
  /**
   * Check that each statement agrees with its found quotes (numbers and units, laterality, negation,
   * medication names; see `checkAgreement`), adding `quote_*_mismatch` / `quote_medication_missing`
   * warnings. @default true
   */
  agreement?: boolean;
}

/** Warning codes that {@link checkEvidence} owns: it replaces them on every run. */
const CHECK_CODES = new Set<NoteWarning["code"]>([
  "unsupported_quote",
  "fuzzy_quote",
  "no_evidence",
  "redaction_marker",
  "quote_number_mismatch",
  "quote_laterality_mismatch",
  "quote_negation_mismatch",
  "quote_medication_missing",
]);

function spanDetails(index: TranscriptIndex, found: QuoteMatch, roles: Record<string, string>): Partial<Evidence> {
  const first = index.source[found.start] ?? 0;
  const last = index.source[found.end - 1] ?? first;
  const words = index.words.slice(first, last + 1);
  const counts = new Map<string, number>();
  for (const w of words) if (w.speaker) counts.set(w.speaker, (counts.get(w.speaker) ?? 0) + 1);
  let speaker: string | undefined;
  for (const [label, c] of counts) if (speaker === undefined || c > (counts.get(speaker) ?? 0)) speaker = label;
  const out: Partial<Evidence> = {};
  if (speaker !== undefined) {
    out.speaker = speaker;
    const role = roles[speaker];
    if (role !== undefined) out.role = role;
  }
  const start = words[0]?.start;
  const end = words[words.length - 1]?.end;
  if (typeof start === "number" && start >= 0) out.start_ms = Math.round(start);
  if (typeof end === "number" && end >= 0) out.end_ms = Math.round(end);
  return out;
}

/**
 * Checks every quote of a note against the transcript and returns a new note (the input is not
 * changed): each evidence item gets `found`, `match` (exact / normalized / fuzzy / none),
 * `similarity`, and, when found, the speaker, role and ms span of the transcript words. Quotes not
 * found become `unsupported_quote` warnings on the statement and the note; near misses a
 * `fuzzy_quote` warning on the statement; redaction markers in statement prose a `redaction_marker`
 * warning on both. A statement that disagrees with its found quotes (a number, a side, a negation, a
 * medication name the quotes lack; see `checkAgreement`) gets a `quote_number_mismatch`,
 * `quote_laterality_mismatch`, `quote_negation_mismatch` or `quote_medication_missing` warning on both.
 * The transcript is indexed once: cost O(n + Σ quote work), linear in transcript size.
 *
 * @example
 * ```ts
 * const checked = checkEvidence(note, transcript, { speakerRoles: { A: "clinician", B: "patient" } });
 * checked.warnings.filter((w) => w.code === "unsupported_quote");
 * ```
 */
export function checkEvidence(note: SoapNote, transcript: EvidenceTranscript, options: CheckEvidenceOptions = {}): SoapNote {
  const index = buildTranscriptIndex(transcript, options.counter);
  const roles = { ...index.speakerRoles, ...options.speakerRoles };
  const required = new Set(options.requireEvidenceIn ?? []);
  const noteWarnings: NoteWarning[] = note.warnings.filter((w) => !CHECK_CODES.has(w.code));
  const sections = { ...note.sections };
  for (const name of SOAP_SECTIONS) {
    const section = note.sections[name];
    const statements = section.statements.map((statement): Statement => {
      const warnings: NoteWarning[] = (statement.warnings ?? []).filter((w) => !CHECK_CODES.has(w.code));
      const at = { section: name, statement_id: statement.id };
      const evidence = statement.evidence.map((e): Evidence => {
        const found = findQuote(index, e.quote, options);
        const base: Evidence = { quote: e.quote, found: found.match !== "none", match: found.match, similarity: Math.round(found.similarity * 1000) / 1000 };
        if (found.match === "none") {
          const w: NoteWarning = { code: "unsupported_quote", ...at, message: `quote not found in the transcript (statement ${statement.id})` };
          warnings.push(w);
          noteWarnings.push(w);
          // Keep what the model claimed about the speaker; we could not confirm it.
          return e.speaker === undefined ? base : { ...base, speaker: e.speaker };
        }
        if (found.match === "fuzzy") {
          warnings.push({ code: "fuzzy_quote", ...at, message: `quote matches the transcript only approximately (similarity ${base.similarity})` });
        }
        const details = spanDetails(index, found, roles);
        // The transcript's speaker wins; the model's claim stays only when the transcript has none.
        if (details.speaker === undefined && e.speaker !== undefined) details.speaker = e.speaker;
        return { ...base, ...details };
      });
      if (evidence.length === 0 && required.has(name)) {
        const w: NoteWarning = { code: "no_evidence", ...at, message: `statement ${statement.id} cites no quote` };
        warnings.push(w);
        noteWarnings.push(w);
      }
      if (options.agreement !== false) {
        // Only confirmed quotes: an unfound one already carries `unsupported_quote`.
        const quotes = evidence.filter((e) => e.found).map((e) => e.quote);
        for (const finding of checkAgreement(statement.text, quotes)) {
          const w: NoteWarning = { code: finding.code, ...at, message: finding.message };
          warnings.push(w);
          noteWarnings.push(w);
        }
      }
      if (hasRedactionLeak(statement.text)) {
        const w: NoteWarning = { code: "redaction_marker", ...at, message: `statement ${statement.id} contains a redaction marker outside a quote` };
        warnings.push(w);
        noteWarnings.push(w);
      }
      const out: Statement = { id: statement.id, text: statement.text, evidence };
      if (warnings.length > 0) out.warnings = warnings;
      return out;
    });
    sections[name] = { ...section, statements };
  }
  return { ...note, sections, warnings: noteWarnings };
}
