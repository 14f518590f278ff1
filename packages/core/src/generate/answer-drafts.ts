import type { RenderedRequest, StructuredSection } from "@org/soap-prompts";
import type { DraftSection } from "../note/build-note.js";
import { draftsFromParsed, type CreateSoapNoteInput } from "../note/build-note.js";
import { SECTION_TITLES, SOAP_SECTIONS } from "../note/note-constants.js";
import { type NoteWarning, type SoapSectionName, type Usage } from "../note/soap-note.js";
import { parseSoapText, type ParseSoapTextOptions } from "../parse/parse-soap-text.js";
import { addUsage, ask, chatRequest, parseJsonAnswer, repairMessage, type ChatGateway } from "./gateway-call.js";
import { StructuredAnswerError } from "./generation-errors.js";

type Drafts = Pick<CreateSoapNoteInput, "sections" | "unassigned"> & { warnings: NoteWarning[] };

/** Drafts from a whole-note free-text answer; `parse_fallback` when no section heading was found. */
export function draftsFromComplete(content: string, options: ParseSoapTextOptions): Drafts {
  const parsed = parseSoapText(content, options);
  const drafts = draftsFromParsed(parsed);
  const warnings: NoteWarning[] = SOAP_SECTIONS.some((s) => parsed.sections[s].found)
    ? []
    : [{ code: "parse_fallback", message: "no section heading found in the answer; its text is kept in unassigned" }];
  return { ...drafts, warnings };
}

/** The draft of one section from a one-section free-text answer; other sections' text goes to unassigned. */
export function draftFromSectionAnswer(
  content: string,
  section: SoapSectionName,
  options: ParseSoapTextOptions,
): { draft: NonNullable<DraftSection>; unassigned: { heading?: string; text: string }[] } {
  const parsed = parseSoapText(content, { ...options, section });
  const unassigned = [
    ...SOAP_SECTIONS.filter((s) => s !== section && parsed.sections[s].text !== "").map((s) => ({
      heading: SECTION_TITLES[s],
      text: parsed.sections[s].text,
    })),
    ...parsed.unassigned,
  ];
  return { draft: { text: parsed.sections[section].text }, unassigned };
}

/** A section draft from structured statements. */
export function draftFromStructured(section: StructuredSection): NonNullable<DraftSection> {
  return {
    text: section.statements.map((s) => s.text).join("\n"),
    statements: section.statements.map((s) => ({ text: s.text, evidence: s.evidence.map((e) => ({ quote: e.quote, speaker: e.speaker })) })),
  };
}

/** Asks for a JSON answer; when it does not fit `schema`, asks once more with the issues (repair). */
export async function askStructured<T>(
  gateway: ChatGateway,
  rendered: RenderedRequest,
  model: string,
  schema: Parameters<typeof parseJsonAnswer<T>>[1],
  signal?: AbortSignal,
): Promise<{ value: T; usage: Usage; requests: number; repaired: boolean }> {
  const req = chatRequest(rendered, model);
  const first = await ask(gateway, req, signal);
  const parsed = parseJsonAnswer(first.content, schema);
  if (parsed.ok) return { value: parsed.value, usage: first.usage, requests: 1, repaired: false };
  const repair = {
    ...req,
    messages: [...(req.messages ?? []), { role: "assistant" as const, content: first.content }, { role: "user" as const, content: repairMessage(parsed.issues) }],
  };
  const second = await ask(gateway, repair, signal);
  const reparsed = parseJsonAnswer(second.content, schema);
  if (!reparsed.ok) throw new StructuredAnswerError(reparsed.issues, 2);
  return { value: reparsed.value, usage: addUsage(first.usage, second.usage), requests: 2, repaired: true };
}
