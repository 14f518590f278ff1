import { SOAP_SECTIONS } from "../note/note-constants.js";
import { type NoteWarning, type NoteWarningCode, type SoapNote, type SoapSectionName, type Statement } from "../note/soap-note.js";

/**
 * How much a warning matters to the clinician who signs the note, in FHIR DetectedIssue terms:
 * `high` (a statement may say something the visit did not), `moderate` (part of the note is missing
 * or unchecked), `low` (worth knowing; nothing is known to be wrong).
 */
export type WarningSeverity = "high" | "moderate" | "low";

/** What a describer sees: the warning, its note, and the statement it points at when there is one. */
interface WarningContext {
  warning: NoteWarning;
  note: SoapNote;
  statement: Statement | undefined;
  sectionTitle: string | undefined;
}

interface WarningWording {
  /** A short name for lists and codes ("Quote not found in the transcript"). */
  label: string;
  severity: WarningSeverity;
  /** What is wrong and what to do, in words; no location (the caller adds it), no final period. */
  sentence: (c: WarningContext) => string;
}

const quoteText = (q: string): string => `“${q.replace(/\s+/g, " ").trim()}”`;

/** The quotes of the statement that the transcript check did not find (or only approximately). */
function quotesWhere(c: WarningContext, test: (found: boolean, match: string) => boolean): string[] {
  return (c.statement?.evidence ?? []).filter((e) => test(e.found, e.match)).map((e) => e.quote);
}

function notFound(c: WarningContext): string {
  const missing = quotesWhere(c, (found) => !found);
  if (missing.length === 1) return `its quote ${quoteText(missing[0] as string)} was not found in the transcript; check the statement against the recording`;
  if (missing.length > 1) return `${missing.length} of its quotes were not found in the transcript; check the statement against the recording`;
  return "a quote given for it was not found in the transcript; check the statement against the recording";
}

function approximate(c: WarningContext): string {
  const fuzzy = (c.statement?.evidence ?? []).filter((e) => e.found && e.match === "fuzzy");
  const first = fuzzy[0];
  if (fuzzy.length === 1 && first !== undefined) {
    const pct = first.similarity !== undefined ? ` (${Math.round(first.similarity * 100)}% similar)` : "";
    return `its quote ${quoteText(first.quote)} matches the transcript only approximately${pct}; check the wording`;
  }
  return "a quote given for it matches the transcript only approximately; check the wording";
}

/**
 * The agreement checks' own words (`statement says 50 mg, its quote says 15 mg`) in parentheses:
 * they name values, never statement ids. A message that names its statement id is left out.
 */
function detail(c: WarningContext): string {
  const m = c.warning.message.replace(/\s+/g, " ").trim();
  const id = c.warning.statement_id;
  if (m === "" || (id !== undefined && m.split(/[^\w-]+/).includes(id))) return "";
  return ` (${m})`;
}

/**
 * One entry per warning code: a `Record` over every code, so a code added to NOTE_WARNING_CODES
 * without words here fails to compile.
 */
const WORDING: { readonly [C in NoteWarningCode]: WarningWording } = {
  missing_section: {
    label: "Section missing",
    severity: "moderate",
    sentence: (c) => `the model's answer had no ${c.sectionTitle ?? "such"} section, so nothing is recorded here`,
  },
  empty_section: { label: "Section empty", severity: "moderate", sentence: () => "nothing was recorded in this section" },
  unsupported_quote: { label: "Quote not found in the transcript", severity: "high", sentence: notFound },
  fuzzy_quote: { label: "Quote only approximately in the transcript", severity: "low", sentence: approximate },
  redaction_marker: {
    label: "Redaction marker in the text",
    severity: "moderate",
    sentence: () => "it contains a redaction marker (such as #### or [PERSON_NAME]) where redacted words were; check what it should say",
  },
  no_evidence: { label: "No supporting quote", severity: "moderate", sentence: () => "it cites no quote from the transcript to support it" },
  parse_fallback: {
    label: "No section headings",
    severity: "moderate",
    sentence: () => "the model's answer had no section headings; its text is shown under “Other text (no section)”",
  },
  unassigned_text: {
    label: "Text outside any section",
    severity: "low",
    sentence: () => "part of the model's answer belonged to no section; it is shown under “Other text (no section)”",
  },
  section_failed: {
    label: "Section not written",
    severity: "moderate",
    sentence: () => "this section could not be written (its request to the model failed); regenerate it before signing",
  },
  repair_retry: {
    label: "Answer repaired",
    severity: "low",
    sentence: (c) => `the model's first answer was malformed and had to be repaired; read ${c.sectionTitle ? "this section" : "the note"} with extra care`,
  },
  roles_unavailable: {
    label: "Speaker roles unknown",
    severity: "low",
    sentence: () => "who was speaking (clinician or patient) could not be identified; quotes name speakers by letter",
  },
  quote_number_mismatch: {
    label: "Number differs from the quote",
    severity: "high",
    sentence: (c) => `a number or unit in the statement differs from its quote${detail(c)}; check the value against the recording`,
  },
  quote_laterality_mismatch: {
    label: "Side differs from the quote",
    severity: "high",
    sentence: (c) => `the statement names a different side (left or right) than its quote${detail(c)}; check which side is meant`,
  },
  quote_negation_mismatch: {
    label: "Negation differs from the quote",
    severity: "high",
    sentence: (c) => `the statement and its quote disagree on whether something is present${detail(c)}; check it against the recording`,
  },
  quote_medication_missing: {
    label: "Medication not in the quote",
    severity: "high",
    sentence: (c) => `the statement names a medication its quote does not mention${detail(c)}; check the medication against the recording`,
  },
};

function contextOf(warning: NoteWarning, note: SoapNote): WarningContext {
  const section = warning.section !== undefined ? note.sections[warning.section] : undefined;
  const statement = warning.statement_id !== undefined ? section?.statements.find((s) => s.id === warning.statement_id) : undefined;
  return { warning, note, statement, sectionTitle: section?.title };
}

/**
 * Where a warning points, as a reader finds it: `"Plan, item 2"` (the statement's position in its
 * section's numbered list), `"Plan"`, or `undefined` for the whole note.
 * @example
 * ```ts
 * warningLocation({ code: "unsupported_quote", section: "plan", statement_id: "p2", message: "" }, note); // "Plan, item 2"
 * ```
 */
export function warningLocation(warning: NoteWarning, note: SoapNote): string | undefined {
  if (warning.section === undefined) return undefined;
  const section = note.sections[warning.section];
  const index = warning.statement_id !== undefined ? section.statements.findIndex((s) => s.id === warning.statement_id) : -1;
  return index >= 0 ? `${section.title}, item ${index + 1}` : section.title;
}

/**
 * A warning in words, without its location: `"its quote “…” was not found in the transcript; …"`.
 * Plain text: escape it for the format it goes into.
 */
export function warningSentence(warning: NoteWarning, note: SoapNote): string {
  return WORDING[warning.code].sentence(contextOf(warning, note));
}

/** A short label of a warning's kind (`"Quote not found in the transcript"`). */
export function warningLabel(code: NoteWarningCode): string {
  return WORDING[code].label;
}

/** How much a warning's kind matters to the signing clinician. */
export function warningSeverity(code: NoteWarningCode): WarningSeverity {
  return WORDING[code].severity;
}

const joinWarning = (where: string | undefined, sentence: string): string =>
  where !== undefined ? `${where}: ${sentence}.` : `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;

/**
 * Describes a warning the way a clinician reads a note: where it is (section and item number, as the
 * Markdown and FHIR narratives number statements) and what is wrong, in words, never as a machine code
 * or a statement id. Plain text, one sentence ending with a period: escape it for the output format.
 * Markdown and FHIR both use it, so every format says the same thing.
 *
 * @example
 * ```ts
 * describeWarning({ code: "unsupported_quote", section: "plan", statement_id: "p2", message: "…" }, note);
 * // "Plan, item 2: its quote “start ibuprofen” was not found in the transcript; check the statement against the recording."
 * ```
 */
export function describeWarning(warning: NoteWarning, note: SoapNote): string {
  return joinWarning(warningLocation(warning, note), warningSentence(warning, note));
}

/** One warning as a reader sees it. */
export interface ReaderWarning {
  warning: NoteWarning;
  /** {@link describeWarning}'s text: `"Plan, item 2: its quote … was not found in the transcript; …."` */
  text: string;
  /** {@link warningLocation}: `"Plan, item 2"`, `"Plan"`, or undefined for the whole note. */
  where: string | undefined;
  /** {@link warningSentence}: what is wrong, without the location and final period. */
  sentence: string;
  severity: WarningSeverity;
}

const sameWarning = (a: NoteWarning, b: NoteWarning): boolean =>
  a.code === b.code && a.section === b.section && a.statement_id === b.statement_id && a.message === b.message;

/** Reading order: whole-note warnings first, then by section, then by item; ties keep their order. */
function readingOrder(note: SoapNote, w: NoteWarning): [number, number] {
  if (w.section === undefined) return [-1, -1];
  const item = w.statement_id !== undefined ? note.sections[w.section].statements.findIndex((s) => s.id === w.statement_id) : -1;
  return [SOAP_SECTIONS.indexOf(w.section), item];
}

/**
 * Every warning of a note a reader should see, once each, in reading order (the whole note first,
 * then section by section, item by item): the note's own warnings and those only its statements
 * carry (e.g. approximate quotes). Two warnings that read the same are shown once.
 */
export function readerWarnings(note: SoapNote): ReaderWarning[] {
  const collected: NoteWarning[] = [...note.warnings];
  for (const section of Object.values(note.sections)) {
    for (const s of section.statements) {
      for (const w of s.warnings ?? []) if (!collected.some((x) => sameWarning(x, w))) collected.push(w);
    }
  }
  const all = collected
    .map((w, i) => ({ w, i, at: readingOrder(note, w) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.i - b.i)
    .map((x) => x.w);
  const seen = new Set<string>();
  const out: ReaderWarning[] = [];
  for (const warning of all) {
    const where = warningLocation(warning, note);
    const sentence = warningSentence(warning, note);
    const text = joinWarning(where, sentence);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ warning, text, where, sentence, severity: warningSeverity(warning.code) });
  }
  return out;
}

/**
 * The warnings on one statement that should stop a signature until checked (severity high or
 * moderate), from {@link readerWarnings}: a Markdown ⚠ mark, a FHIR narrative mark.
 */
export function statementAlerts(warnings: readonly ReaderWarning[], section: SoapSectionName, statement: Statement): ReaderWarning[] {
  return warnings.filter((r) => r.warning.section === section && r.warning.statement_id === statement.id && r.severity !== "low");
}
