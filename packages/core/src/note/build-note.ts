import { InvalidNoteError } from "./invalid-note-error.js";
import { parseSoapText, type ParseSoapTextOptions, type ParsedSoapText } from "../parse/parse-soap-text.js";
import { splitStatements } from "../parse/statements.js";
import { SECTION_TITLES, SOAP_SECTIONS } from "./note-constants.js";
import { SoapNote, type NoteSection, type NoteWarning, type Provenance, type SoapSectionName, type Statement } from "./soap-note.js";
import { safeParse } from "../internal/zod-parse.js";

/** Statement as a model or parser produced it, before the transcript check. */
export interface DraftStatement {
  text: string;
  evidence: { quote: string; speaker?: string }[];
}

/** A section before it becomes part of a note: free text (statements are cut from it) or statements. */
export type DraftSection = { title?: string; text: string; statements?: DraftStatement[] } | undefined;

/** Input of {@link createSoapNote}. */
export interface CreateSoapNoteInput {
  /** A missing (undefined) section gets a `missing_section` warning; a blank one `empty_section`. */
  sections: Partial<Record<SoapSectionName, DraftSection>>;
  provenance: Provenance;
  unassigned?: { heading?: string; text: string }[];
  warnings?: NoteWarning[];
}

const PREFIX: Record<SoapSectionName, string> = { subjective: "s", objective: "o", assessment: "a", plan: "p" };

/** Builds one section; statement ids are `s1`, `s2`… (`o`, `a`, `p` for the others). */
export function buildSection(name: SoapSectionName, draft: NonNullable<DraftSection>): NoteSection {
  const drafts: DraftStatement[] =
    draft.statements ??
    splitStatements(draft.text).map((s) => ({ text: s.text, evidence: s.quotes.map((quote) => ({ quote })) }));
  const statements = drafts.map(
    (d, i): Statement => ({
      id: `${PREFIX[name]}${i + 1}`,
      text: d.text,
      evidence: d.evidence.map((e) => ({
        quote: e.quote,
        ...(e.speaker !== undefined ? { speaker: e.speaker } : {}),
        found: false,
        match: "none" as const,
      })),
    }),
  );
  return { title: draft.title ?? SECTION_TITLES[name], text: draft.text, statements };
}

/**
 * Assembles and validates a {@link SoapNote} from section drafts (evidence unchecked: run
 * `checkEvidence` next). Adds `missing_section` / `empty_section` / `unassigned_text` warnings.
 * Throws {@link InvalidNoteError} when the result does not fit the schema (e.g. a bad provenance).
 *
 * @example
 * ```ts
 * const note = createSoapNote({ sections: { subjective: { text: "Knee pain." } }, provenance });
 * note.warnings.map((w) => w.code); // ["missing_section", "missing_section", "missing_section"]
 * ```
 */
export function createSoapNote(input: CreateSoapNoteInput): SoapNote {
  const warnings: NoteWarning[] = [...(input.warnings ?? [])];
  const sections = {} as Record<SoapSectionName, NoteSection>;
  for (const name of SOAP_SECTIONS) {
    const draft = input.sections[name];
    if (draft === undefined) {
      warnings.push({ code: "missing_section", section: name, message: `the answer has no ${SECTION_TITLES[name]} section` });
      sections[name] = { title: SECTION_TITLES[name], text: "", statements: [] };
      continue;
    }
    const section = buildSection(name, draft);
    if (section.text.trim() === "" && section.statements.length === 0) {
      warnings.push({ code: "empty_section", section: name, message: `the ${SECTION_TITLES[name]} section is empty` });
    }
    sections[name] = section;
  }
  const unassigned = (input.unassigned ?? []).filter((u) => u.text.trim() !== "" || u.heading !== undefined);
  if (unassigned.length > 0) {
    warnings.push({ code: "unassigned_text", message: `${unassigned.length} block(s) of the answer belong to no section; kept in "unassigned"` });
  }
  const note = { sections, provenance: input.provenance, warnings, ...(unassigned.length > 0 ? { unassigned } : {}) };
  const result = safeParse(SoapNote, note);
  if (!result.success) throw new InvalidNoteError(result.error.issues, { cause: result.error });
  return result.data;
}

/** Section drafts and unassigned text of a parsed answer. */
export function draftsFromParsed(parsed: ParsedSoapText): Pick<CreateSoapNoteInput, "sections" | "unassigned"> {
  const sections: Partial<Record<SoapSectionName, DraftSection>> = {};
  for (const name of SOAP_SECTIONS) {
    const s = parsed.sections[name];
    if (s.found) sections[name] = { text: s.text };
  }
  const unassigned = [...(parsed.preamble.trim() !== "" ? [{ text: parsed.preamble }] : []), ...parsed.unassigned];
  return { sections, unassigned };
}

/**
 * Parses a free-text note (Method 1 answer, or a clinician note) into a {@link SoapNote}.
 *
 * @example
 * ```ts
 * const note = soapNoteFromText("## Subjective\nKnee pain, [it hurts on stairs]\n## Plan\nIce.", { provenance });
 * note.sections.subjective.statements[0].evidence[0].quote; // "it hurts on stairs"
 * ```
 */
export function soapNoteFromText(text: string, options: ParseSoapTextOptions & { provenance: Provenance }): SoapNote {
  const { provenance, ...parseOptions } = options;
  return createSoapNote({ ...draftsFromParsed(parseSoapText(text, parseOptions)), provenance });
}
