import type { SoapSectionName } from "../note/soap-note.js";

/** Where a recognised heading sends the text under it. */
export type HeadingTarget = SoapSectionName | "assessment_and_plan";

/**
 * `soap`: a SOAP heading ("Subjective", "S:", "ASSESSMENT AND PLAN"); its markup is consumed and
 * kept in the section's `headings`. `clinical`: a clinician heading ("CHIEF COMPLAINT") mapped to a
 * section; the line stays in the section text as a sub-heading. `unknown`: a markdown heading whose
 * title maps to nothing.
 */
export type HeadingKind = "soap" | "clinical" | "unknown";

/** A line recognised as a heading. */
export interface HeadingLine {
  kind: HeadingKind;
  target: HeadingTarget | null;
  /** The heading's title without markup ("Subjective"). */
  title: string;
  /** 1–6 for markdown headings, 7 for bold titles, labels and bare lines. */
  level: number;
  /** Offset within the line where text on the same line after the heading starts (or the line length). */
  inlineStart: number;
}

const SOAP: Record<string, HeadingTarget> = {
  S: "subjective",
  SUBJECTIVE: "subjective",
  O: "objective",
  OBJECTIVE: "objective",
  A: "assessment",
  ASSESSMENT: "assessment",
  P: "plan",
  PLAN: "plan",
  "ASSESSMENT AND PLAN": "assessment_and_plan",
  "A/P": "assessment_and_plan",
  "A AND P": "assessment_and_plan",
  "ASSESSMENT/PLAN": "assessment_and_plan",
};

const CLINICAL: Record<string, SoapSectionName> = {};
const add = (section: SoapSectionName, names: string[]): void => {
  for (const n of names) CLINICAL[n] = section;
};
add("subjective", [
  "CHIEF COMPLAINT", "CC", "HISTORY OF PRESENT ILLNESS", "HPI", "REVIEW OF SYSTEMS", "ROS", "HISTORY",
  "MEDICAL HISTORY", "PAST MEDICAL HISTORY", "PMH", "SURGICAL HISTORY", "PAST SURGICAL HISTORY",
  "SOCIAL HISTORY", "FAMILY HISTORY", "PAST HISTORY", "BIRTH HISTORY", "MEDICATIONS",
  "CURRENT MEDICATIONS", "ALLERGIES", "INTERVAL HISTORY",
]);
add("objective", [
  "PHYSICAL EXAMINATION", "PHYSICAL EXAM", "EXAM", "EXAMINATION", "RESULTS", "VITALS", "VITAL SIGNS",
  "VITALS REVIEWED", "LABS", "LABORATORY RESULTS", "IMAGING", "FINDINGS", "DIAGNOSTICS",
]);
add("assessment", ["IMPRESSION", "DIAGNOSIS", "DIAGNOSES", "PROBLEM LIST"]);
add("plan", [
  "INSTRUCTIONS", "PATIENT INSTRUCTIONS", "FOLLOW UP", "FOLLOW-UP", "DISPOSITION", "TREATMENT PLAN",
  "PLAN OF CARE",
]);

/** Canonical lookup key of a heading title: upper case, "&" -> "AND", single spaces, no colon. */
export function headingKey(title: string): string {
  return title
    .replace(/[*_`]/g, "")
    .replace(/&/g, " AND ")
    .replace(/\s*:\s*$/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toUpperCase();
}

function lookupKey(key: string, allowLetter: boolean): { kind: HeadingKind; target: HeadingTarget } | null {
  if (key.length === 1 && !allowLetter) return null;
  const soap = SOAP[key];
  if (soap) return { kind: "soap", target: soap };
  const clinical = CLINICAL[key];
  if (clinical) return { kind: "clinical", target: clinical };
  return null;
}

/** Looks a title up as written, then without a parenthetical ("Subjective (S)"), then by its parts ("S - Subjective"). */
function lookup(title: string, allowLetter: boolean, marked = false): { kind: HeadingKind; target: HeadingTarget } | null {
  const key = headingKey(title);
  // Only explicit heading markup (#, bold) gets the loose forms: a label like "Hypertension - Plan:"
  // inside an assessment is prose, not a new section.
  if (!marked) return lookupKey(key, allowLetter);
  const candidates = [key, key.replace(/\s*\([^)]*\)\s*/g, " ").trim(), ...key.split(/\s+[-\u2013\u2014]\s+/)];
  for (const candidate of candidates) {
    const found = lookupKey(candidate.trim(), allowLetter && candidate === key);
    if (found) return found;
  }
  // "Subjective (S)" / "S (Subjective)": the part in parentheses, a full word only.
  const inner = /\(([^)]+)\)/.exec(key)?.[1]?.trim();
  return inner && inner.length > 1 ? lookupKey(inner, false) : null;
}

const MD_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const LIST_MARKER = /^[ \t]*(?:[-*+\u2022]|\d{1,2}[.)])[ \t]+/;
const BOLD = /^(\*\*|__)(.+?)\1[ \t]*(:?)/;
const LABEL = /^[ \t]*([A-Za-z][A-Za-z /&-]{0,40}?)[ \t]*:(?=\s|$)/;
const SOAP_WORD = /^(subjective|objective|assessment|plan|assessment (and|&) plan)$/i;

/** Index of the first non-whitespace character at or after `from`, or the line length. */
function skipSpace(line: string, from: number): number {
  let i = from;
  while (i < line.length && /\s/.test(line[i] as string)) i++;
  return i;
}

/**
 * Recognises a heading line. The rule, in order: markdown `#`..`######` headings (unknown titles
 * are returned as `unknown`, unless they end with . ! ? , ; or pass 80 characters: those are prose
 * starting with a hash-redacted name); an optional list marker then a bold title
 * (`**Subjective**`, `__Plan:__`, `**Plan:** text`); an unlisted `Label:` line whose label is a known
 * heading (`S:`, `HPI:`, `SUBJECTIVE: text`; single letters only in upper case); a bare line naming a
 * known heading in upper case, or a SOAP word in any case, or ending with a colon.
 */
export function classifyHeading(line: string): HeadingLine | null {
  // Headings are short; the length cap also keeps the heading regex linear on hostile input.
  const md = line.length <= 200 ? MD_HEADING.exec(line) : null;
  const mdInner = (md?.[2] ?? "").trim();
  const mdFound = md ? lookup(mdInner, true, true) : null;
  // "#### has a sprain." is a hash-redacted name starting a sentence, not a heading: an unknown
  // markdown title that ends like a sentence or runs long is prose.
  if (md && (mdFound || (mdInner.length <= 80 && !/[.!?,;]$/.test(mdInner)))) {
    const inner = mdInner;
    const found = mdFound;
    return {
      kind: found?.kind ?? "unknown",
      target: found?.target ?? null,
      title: inner.replace(/[*_]/g, "").replace(/\s*:\s*$/, ""),
      level: (md[1] ?? "#").length,
      inlineStart: line.length,
    };
  }
  const marker = LIST_MARKER.exec(line);
  const listed = marker !== null;
  const restStart = marker ? marker[0].length : skipSpace(line, 0);
  const rest = line.slice(restStart);
  const bold = BOLD.exec(rest);
  if (bold) {
    const inner = (bold[2] ?? "").trim();
    const hasColon = bold[3] === ":" || inner.endsWith(":");
    const after = restStart + bold[0].length;
    const inlineStart = skipSpace(line, after);
    if (inlineStart < line.length && !hasColon) return null;
    const found = lookup(inner, true, true);
    if (!found) return null;
    return { ...found, title: inner.replace(/\s*:\s*$/, ""), level: 7, inlineStart };
  }
  if (!listed) {
    const label = LABEL.exec(line);
    if (label) {
      const name = label[1] ?? "";
      const found = lookup(name, /^[A-Z]$/.test(name.trim()));
      if (found) return { ...found, title: name.trim(), level: 7, inlineStart: skipSpace(line, label[0].length) };
      return null;
    }
  }
  const bare = rest.trim();
  if (bare.length === 0 || bare.length > 60) return null;
  const found = lookup(bare, false);
  if (!found) return null;
  const stripped = bare.replace(/\s*:\s*$/, "");
  const upper = stripped === stripped.toUpperCase();
  if (listed && !SOAP_WORD.test(stripped)) return null;
  if (!upper && !SOAP_WORD.test(stripped) && !bare.endsWith(":")) return null;
  return { ...found, title: stripped, level: 7, inlineStart: line.length };
}

/** True when a line is a code fence (```` ``` ```` or `~~~`, with an optional info string). */
export function isFence(line: string): boolean {
  return /^ {0,3}(```|~~~)/.test(line);
}
