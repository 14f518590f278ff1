import { SECTION_TITLES, SOAP_SECTIONS } from "../note/note-constants.js";
import { type SoapSectionName } from "../note/soap-note.js";
import { classifyHeading, isFence, type HeadingLine } from "./headings.js";
import { looksLikePlan } from "./plan-lines.js";
import { SoapParseError } from "./soap-parse-error.js";

/** Options of {@link parseSoapText}. */
export interface ParseSoapTextOptions {
  /**
   * How ASSESSMENT AND PLAN blocks are divided: `"split"` sends plan-like lines to Plan and the rest
   * to Assessment (rule: see `looksLikePlan` in plan-lines.ts); `"both"` keeps the block under both.
   * @default "split"
   */
  assessmentAndPlan?: "split" | "both";
  /**
   * For one-section answers (Method 2): text before any heading belongs to this section instead of
   * the preamble.
   */
  section?: SoapSectionName;
  /** Inputs longer than this throw `SoapParseError("input_too_large")`. @default 1_000_000 */
  maxLength?: number;
}

/** Where a piece of the input went. `unassigned` pieces carry `unassignedIndex`. */
export type ParseTarget = SoapSectionName | "preamble" | "unassigned";

/**
 * A slice `[start, end)` of the input. Segments tile the input in order. `heading`: markup of a SOAP
 * or unknown top-level heading, consumed (its title is kept in `headings` / `unassigned[].heading`);
 * `markup`: a code fence line; `body`: text copied into every target in `targets`.
 */
export interface ParseSegment {
  start: number;
  end: number;
  kind: "heading" | "markup" | "body";
  targets: ParseTarget[];
  unassignedIndex?: number;
}

/** One section as parsed. */
export interface ParsedSection {
  /** Canonical title ("Subjective"). */
  title: string;
  /** Section text: the body lines in input order (clinician sub-headings included), tidied whitespace. */
  text: string;
  /** Titles of the headings that fed this section, in order ("HISTORY OF PRESENT ILLNESS", "S"). */
  headings: string[];
  /** False when no heading (nor `options.section`) pointed here. */
  found: boolean;
}

/** Result of {@link parseSoapText}. */
export interface ParsedSoapText {
  sections: Record<SoapSectionName, ParsedSection>;
  /** Text before the first heading (empty when `options.section` is set). */
  preamble: string;
  /** Blocks under unknown top-level headings, and text after a closing code fence. */
  unassigned: { heading?: string; text: string }[];
  /** The tiling of the input; see {@link ParseSegment}. */
  segments: ParseSegment[];
}

interface Line {
  start: number;
  contentEnd: number;
  end: number;
  content: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl + 1;
    let contentEnd = nl === -1 ? text.length : nl;
    if (contentEnd > start && text[contentEnd - 1] === "\r") contentEnd--;
    out.push({ start, contentEnd, end, content: text.slice(start, contentEnd) });
    start = end;
  }
  return out;
}

/** Tidies whitespace only: CRLF -> LF, trailing spaces, runs of blank lines, outer blank space. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** How a model signs off after the note ("Let me know if…"); such a last paragraph is not part of a section. */
const CHATTER =
  /^\s*(let me know|i hope (this|that)|hope this helps|feel free|please (let me know|review|note that)|if you (need|have|would like)|is there anything|this (note|summary|soap note) (is|was) (generated|based))/i;

/**
 * Moves the input's last paragraph to a new `unassigned` block when it reads as sign-off chatter and
 * sits in a section (after a blank line). Returns whether it moved anything.
 */
function detachTrailingChatter(text: string, segments: ParseSegment[], index: number): boolean {
  let i = segments.length - 1;
  while (i >= 0 && segments[i]?.kind === "body" && text.slice(segments[i]!.start, segments[i]!.end).trim() === "") i--;
  const end = i;
  while (i >= 0 && segments[i]?.kind === "body" && text.slice(segments[i]!.start, segments[i]!.end).trim() !== "") i--;
  const start = i + 1;
  const before = segments[i];
  if (start > end || !before || before.kind !== "body" || text.slice(before.start, before.end).trim() !== "") return false;
  const paragraph = segments.slice(start, end + 1);
  const target = paragraph[0]?.targets;
  const inSection = paragraph.every((seg) => seg.targets.length > 0 && seg.targets.every((t) => t !== "preamble" && t !== "unassigned"));
  if (!target || !inSection || !CHATTER.test(text.slice(paragraph[0]!.start, paragraph[0]!.end))) return false;
  for (let k = start; k < segments.length; k++) {
    const seg = segments[k] as ParseSegment;
    segments[k] = { start: seg.start, end: seg.end, kind: seg.kind, targets: ["unassigned"], unassignedIndex: index };
  }
  return true;
}

type State =
  | { kind: "preamble" }
  | { kind: "section"; target: SoapSectionName | "assessment_and_plan"; level: number; soap: boolean }
  | { kind: "unassigned"; index: number };

/**
 * Parses a free-text SOAP answer (Method 1: whole note; Method 2: one section) or a clinician note
 * into the four sections. Never throws anything but {@link SoapParseError}.
 *
 * Recognised headings: see `classifyHeading`. SOAP headings ("## Subjective", "**Plan:**", "S:",
 * "ASSESSMENT AND PLAN") open a section and are consumed; clinician headings (CHIEF COMPLAINT, HPI,
 * PHYSICAL EXAM, RESULTS, …) open their mapped section unless they sit under a SOAP heading of a higher
 * level, and in both cases stay in the text as sub-headings. Unknown markdown headings at or above the
 * current section's level start an `unassigned` block; deeper ones stay in the text. Text before the
 * first heading goes to `preamble`; text after a closing code fence that held sections, and a last
 * paragraph that reads as sign-off chatter ("Let me know if…", "I hope this helps"), go to
 * `unassigned`.
 *
 * Invariant (tested on the ACI-BENCH reference notes and with fast-check): the `segments` tile the
 * input, and for every output field F (preamble, each section text, each unassigned text), F with its
 * whitespace removed equals the concatenation, in input order, of the whitespace-free slices of the
 * `body` segments that target F. So every non-whitespace character of the input is either in an output
 * field, in order, or is heading/fence markup recorded as a segment.
 *
 * @example
 * ```ts
 * const parsed = parseSoapText("**Subjective:** knee pain\n**Plan:** ice, rest");
 * parsed.sections.plan.text; // "ice, rest"
 * ```
 */
export function parseSoapText(text: string, options: ParseSoapTextOptions = {}): ParsedSoapText {
  if (typeof text !== "string") throw new SoapParseError("invalid_input", "parseSoapText expects a string");
  const maxLength = options.maxLength ?? 1_000_000;
  if (text.length > maxLength) {
    throw new SoapParseError("input_too_large", `input is ${text.length} characters; the limit is ${maxLength}`);
  }
  try {
    return parse(text, options);
  } catch (error) {
    if (error instanceof SoapParseError) throw error;
    throw new SoapParseError("internal", "the SOAP text parser failed unexpectedly", { cause: error });
  }
}

function parse(text: string, options: ParseSoapTextOptions): ParsedSoapText {
  const mode = options.assessmentAndPlan ?? "split";
  const segments: ParseSegment[] = [];
  const headings: Record<SoapSectionName, string[]> = { subjective: [], objective: [], assessment: [], plan: [] };
  const found: Record<SoapSectionName, boolean> = { subjective: false, objective: false, assessment: false, plan: false };
  const unassignedHeadings: (string | undefined)[] = [];
  let state: State = options.section
    ? { kind: "section", target: options.section, level: 9, soap: true }
    : { kind: "preamble" };
  if (options.section) found[options.section] = true;
  let fenceOpen = false;
  let sectionsInFence = false;

  const push = (start: number, end: number, kind: ParseSegment["kind"], targets: ParseTarget[], index?: number): void => {
    if (end <= start) return;
    segments.push(index === undefined ? { start, end, kind, targets } : { start, end, kind, targets, unassignedIndex: index });
  };
  const bodyTargets = (line: Line): { targets: ParseTarget[]; index?: number } => {
    if (state.kind === "preamble") return { targets: ["preamble"] };
    if (state.kind === "unassigned") return { targets: ["unassigned"], index: state.index };
    if (state.target !== "assessment_and_plan") return { targets: [state.target] };
    if (mode === "both") return { targets: ["assessment", "plan"] };
    return { targets: [looksLikePlan(line.content) ? "plan" : "assessment"] };
  };
  const pushBody = (line: Line, from: number): void => {
    const { targets, index } = bodyTargets(line);
    push(from, line.end, "body", targets, index);
  };
  const open = (heading: HeadingLine): void => {
    const target = heading.target as SoapSectionName | "assessment_and_plan";
    const sections: SoapSectionName[] = target === "assessment_and_plan" ? ["assessment", "plan"] : [target];
    for (const s of sections) {
      found[s] = true;
      headings[s].push(heading.title);
    }
    if (fenceOpen) sectionsInFence = true;
    state = { kind: "section", target, level: heading.level, soap: heading.kind === "soap" };
  };

  for (const line of lines(text)) {
    if (isFence(line.content)) {
      push(line.start, line.end, "markup", []);
      if (fenceOpen && sectionsInFence) {
        unassignedHeadings.push(undefined);
        state = { kind: "unassigned", index: unassignedHeadings.length - 1 };
      }
      fenceOpen = !fenceOpen;
      continue;
    }
    const heading = classifyHeading(line.content);
    if (heading === null) {
      pushBody(line, line.start);
      continue;
    }
    if (heading.kind === "unknown") {
      const nested = state.kind === "section" && heading.level > state.level;
      if (nested) {
        pushBody(line, line.start);
      } else {
        unassignedHeadings.push(heading.title);
        state = { kind: "unassigned", index: unassignedHeadings.length - 1 };
        push(line.start, line.end, "heading", ["unassigned"], state.index);
      }
      continue;
    }
    if (heading.kind === "clinical") {
      const nested = state.kind === "section" && state.soap && heading.level > state.level;
      if (!nested) open(heading);
      else if (state.kind === "section" && state.target !== "assessment_and_plan") headings[state.target].push(heading.title);
      pushBody(line, line.start);
      continue;
    }
    open(heading);
    const inline = line.start + heading.inlineStart;
    const sectionTargets: ParseTarget[] = heading.target === "assessment_and_plan" ? ["assessment", "plan"] : [heading.target as SoapSectionName];
    push(line.start, inline, "heading", sectionTargets);
    if (inline < line.end) pushBody(line, inline);
  }
  if (detachTrailingChatter(text, segments, unassignedHeadings.length)) unassignedHeadings.push(undefined);

  const collect = (target: ParseTarget, index?: number): string =>
    tidyText(
      segments
        .filter((s) => s.kind === "body" && s.targets.includes(target) && s.unassignedIndex === index)
        .map((s) => text.slice(s.start, s.end))
        .join(""),
    );
  const sections = Object.fromEntries(
    SOAP_SECTIONS.map((s) => [s, { title: SECTION_TITLES[s], text: collect(s), headings: headings[s], found: found[s] }]),
  ) as Record<SoapSectionName, ParsedSection>;
  return {
    sections,
    preamble: collect("preamble"),
    unassigned: unassignedHeadings.map((heading, i) =>
      heading === undefined ? { text: collect("unassigned", i) } : { heading, text: collect("unassigned", i) },
    ),
    segments,
  };
}
