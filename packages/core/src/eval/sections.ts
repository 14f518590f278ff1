import { SECTION_TITLES, SOAP_SECTIONS, type SoapNote, type SoapSectionName } from "../note/soap-note.js";
import { parseSoapText } from "../parse/parse-soap-text.js";

/** A note's text, whole and per SOAP section. */
export interface NoteTexts {
  whole: string;
  sections: Record<SoapSectionName, string>;
}

/**
 * A free-text note (a reference note, or another system's prediction) split into SOAP sections by
 * the same parser that reads model answers: clinician headings such as HISTORY OF PRESENT ILLNESS
 * go to Subjective, PHYSICAL EXAMINATION and RESULTS to Objective, and ASSESSMENT AND PLAN is
 * divided between Assessment and Plan.
 */
export function textSections(text: string): NoteTexts {
  const parsed = parseSoapText(text);
  const sections = Object.fromEntries(SOAP_SECTIONS.map((s) => [s, parsed.sections[s].text])) as Record<SoapSectionName, string>;
  return { whole: text, sections };
}

/** A note our engine wrote, as text: each section's title line, then its text, sections in note order. */
export function noteSections(note: SoapNote): NoteTexts {
  const sections = Object.fromEntries(SOAP_SECTIONS.map((s) => [s, note.sections[s].text])) as Record<SoapSectionName, string>;
  const whole = SOAP_SECTIONS.map((s) => `${note.sections[s].title || SECTION_TITLES[s]}\n${sections[s]}`).join("\n\n");
  return { whole, sections };
}
