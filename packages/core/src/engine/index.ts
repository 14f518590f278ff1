/**
 * `@org/soap-core/engine` — the note engine: pure functions over transcripts and notes. Generate a
 * note with a template (one request, four sections, or structured JSON), parse a free-text answer,
 * check every quote against the transcript, and regenerate one section.
 *
 * Most apps want `@org/soap-core/visit`, which plans and runs these steps; use the engine directly
 * to write notes from transcripts you already have, with your own choices.
 *
 * @example
 * ```ts
 * import { generateSoapNote, parseTranscriptText } from "@org/soap-core/engine";
 * const note = await generateSoapNote({ gateway, template, transcript: parseTranscriptText(text), model });
 * ```
 * @packageDocumentation
 */
export { SoapNote, SOAP_SECTIONS, SECTION_TITLES, NOTE_WARNING_CODES } from "../note/soap-note.js";
export type {
  SoapSectionName,
  NoteWarningCode,
  NoteSection,
  Statement,
  Evidence,
  EvidenceMatch,
  NoteWarning,
  Provenance,
  RedactionRecord,
  Usage,
  SectionHistory,
} from "../note/soap-note.js";
export { createSoapNote, soapNoteFromText } from "../note/build-note.js";
export { transcriptHash } from "../note/transcript-hash.js";
export type { CreateSoapNoteInput, DraftSection, DraftStatement } from "../note/build-note.js";
export { parseSoapText } from "../parse/parse-soap-text.js";
export type { ParseSoapTextOptions, ParsedSoapText, ParsedSection, ParseSegment, ParseTarget } from "../parse/parse-soap-text.js";
export { splitStatements } from "../parse/statements.js";
export type { SplitStatement } from "../parse/statements.js";
export { looksLikePlan } from "../parse/plan-lines.js";
export { checkEvidence } from "../evidence/check-evidence.js";
export type { CheckEvidenceOptions } from "../evidence/check-evidence.js";
export { checkAgreement } from "../evidence/agreement/check-agreement.js";
export type { AgreementCode, AgreementFinding } from "../evidence/agreement/check-agreement.js";
export { findQuote } from "../evidence/find-quote.js";
export type { FindQuoteOptions, QuoteMatch } from "../evidence/find-quote.js";
export { buildTranscriptIndex } from "../evidence/transcript-index.js";
export type { EvidenceTranscript, TimedWord, TimedUtterance, TranscriptIndex, OperationCounter } from "../evidence/transcript-index.js";
export { parseTranscriptText } from "../evidence/transcript-text.js";
export type { ParsedDialogue, DialogueUtterance, DialogueWord } from "../evidence/transcript-text.js";
export { hasRedactionLeak } from "../evidence/redaction-leaks.js";
export { generateSoapNote } from "../generate/generate-soap-note.js";
export type { GenerateSoapNoteOptions } from "../generate/generate-soap-note.js";
export { regenerateSection } from "../generate/regenerate-section.js";
export type { RegenerateSectionOptions } from "../generate/regenerate-section.js";
export type { ChatGateway } from "../generate/gateway-call.js";
export type { NoteTranscript, TranscriptMode } from "../generate/note-transcript.js";
