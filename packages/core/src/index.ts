/**
 * @org/soap-core — portable clients for AssemblyAI's transcripts API and LLM Gateway, and the SOAP
 * note engine. Runs unchanged on Node, Cloudflare Workers and browsers.
 * @packageDocumentation
 */

// ── clients (transcripts, gateway, errors, retry) ─────────────────────────────
export { TranscriptsClient } from "./clients/transcripts/transcripts-client.js";
export type { TranscriptsClientOptions, UploadBody } from "./clients/transcripts/transcripts-client.js";
export { TranscriptListing } from "./clients/transcripts/list-transcripts.js";
export { DEFAULT_WAIT_DEADLINE_MS } from "./clients/transcripts/wait-for-transcript.js";
export type { WaitOptions, PollInfo } from "./clients/transcripts/wait-for-transcript.js";
export {
  PII_POLICIES,
  createTranscriptParamsSchema,
  listTranscriptsParamsSchema,
} from "./clients/transcripts/create-transcript-params.js";
export type { CreateTranscriptParams, ListTranscriptsParams, PiiPolicy } from "./clients/transcripts/create-transcript-params.js";
export {
  transcriptSchema,
  transcriptStatusSchema,
  transcriptWordSchema,
  transcriptUtteranceSchema,
  transcriptEntitySchema,
  transcriptSentenceSchema,
  transcriptParagraphSchema,
  sentencesResponseSchema,
  paragraphsResponseSchema,
  redactedAudioResponseSchema,
  uploadResponseSchema,
  transcriptListItemSchema,
  transcriptListSchema,
  pageDetailsSchema,
  wordSearchMatchSchema,
  wordSearchResponseSchema,
} from "./clients/transcripts/transcript-schemas.js";
export type { SubtitleFormat } from "./clients/transcripts/transcript-endpoints.js";
export type {
  Transcript,
  TranscriptStatus,
  TranscriptWord,
  TranscriptUtterance,
  TranscriptSentence,
  TranscriptParagraph,
  SentencesResponse,
  ParagraphsResponse,
  RedactedAudioResponse,
  UploadResponse,
  TranscriptListItem,
  TranscriptList,
  WordSearchResponse,
} from "./clients/transcripts/transcript-schemas.js";
export { GatewayClient, DEFAULT_SPEAKER_ROLES } from "./clients/gateway/gateway-client.js";
export type { SpeakerRoles } from "./clients/gateway/gateway-client.js";
export {
  TRANSCRIPT_PLACEHOLDER,
  chatCompletionRequestSchema,
  chatCompletionSchema,
  chatMessageSchema,
  responseFormatSchema,
  usageSchema,
} from "./clients/gateway/chat-schemas.js";
export type { ChatCompletionRequest, ChatCompletion, ChatMessage, ChatUsage } from "./clients/gateway/chat-schemas.js";
export {
  gatewayModelSchema,
  gatewayModelsResponseSchema,
  understandingRequestSchema,
  understandingResponseSchema,
} from "./clients/gateway/gateway-schemas.js";
export type { GatewayModel, UnderstandingRequest, UnderstandingResponse } from "./clients/gateway/gateway-schemas.js";
export { REGION_HOSTS, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RETRIES } from "./http/client-options.js";
export type { ClientOptions, RequestOptions, Region } from "./http/client-options.js";
export { getDefaultFetch } from "./http/default-fetch.js";
export type { SleepFn } from "./internal/sleep.js";
export { SoapNotesError } from "./errors/soap-notes-error.js";
export {
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
} from "./errors/api-errors.js";
export type { ApiErrorInit } from "./errors/api-errors.js";
export { ConnectionError, TimeoutError, AbortError } from "./errors/transport-errors.js";
export { ResponseValidationError, RequestValidationError } from "./errors/response-validation-error.js";
export type { ValidationIssue } from "./errors/response-validation-error.js";
export { TranscriptFailedError, TranscriptCreateUncertainError } from "./errors/transcript-errors.js";
export { fromResponse } from "./errors/from-response.js";
export { isPermanentError } from "./errors/classify.js";
export type { ErrorResponseInput } from "./errors/from-response.js";

// ── note engine (schema, parse, evidence, generate, export) ───────────────────
export {
  SoapNote,
  soapNoteJsonSchema,
  SECTION_TITLES,
  NOTE_WARNING_CODES,
  evidenceSchema,
  evidenceMatchSchema,
  noteWarningSchema,
  statementSchema,
  noteSectionSchema,
  noteUsageSchema,
  provenanceSchema,
  sectionHistorySchema,
} from "./note/soap-note.js";
export type {
  SoapSectionName,
  NoteWarningCode,
  NoteSection,
  Statement,
  Evidence,
  EvidenceMatch,
  NoteWarning,
  Provenance,
  Usage,
  SectionHistory,
} from "./note/soap-note.js";
export { createSoapNote, soapNoteFromText } from "./note/build-note.js";
export type { CreateSoapNoteInput, DraftSection, DraftStatement } from "./note/build-note.js";
export { InvalidNoteError } from "./note/invalid-note-error.js";
export { parseSoapText } from "./parse/parse-soap-text.js";
export type { ParseSoapTextOptions, ParsedSoapText, ParsedSection, ParseSegment, ParseTarget } from "./parse/parse-soap-text.js";
export { splitStatements } from "./parse/statements.js";
export type { SplitStatement } from "./parse/statements.js";
export { looksLikePlan } from "./parse/plan-lines.js";
export { SoapParseError } from "./parse/soap-parse-error.js";
export type { SoapParseErrorCode } from "./parse/soap-parse-error.js";
export { checkEvidence } from "./evidence/check-evidence.js";
export type { CheckEvidenceOptions } from "./evidence/check-evidence.js";
export { findQuote } from "./evidence/find-quote.js";
export type { FindQuoteOptions, QuoteMatch } from "./evidence/find-quote.js";
export { buildTranscriptIndex } from "./evidence/transcript-index.js";
export type { EvidenceTranscript, TimedWord, TimedUtterance, TranscriptIndex, OperationCounter } from "./evidence/transcript-index.js";
export { parseTranscriptText } from "./evidence/transcript-text.js";
export type { ParsedDialogue, DialogueUtterance, DialogueWord } from "./evidence/transcript-text.js";
export { hasRedactionLeak } from "./evidence/redaction-leaks.js";
export { toMarkdown } from "./export/to-markdown.js";
export { toJson } from "./export/to-json.js";
export { toFhirBundle, SECTION_LOINC } from "./export/to-fhir-bundle.js";
export type { ToFhirBundleOptions } from "./export/to-fhir-bundle.js";
export type {
  FhirBundle,
  FhirBundleEntry,
  FhirComposition,
  FhirCompositionSection,
  FhirDocumentReference,
  FhirDocumentResource,
  FhirReference,
  FhirCodeableConcept,
  FhirCoding,
  FhirIdentifier,
  FhirNarrative,
} from "./export/fhir-r4.js";
export { generateSoapNote } from "./generate/generate-soap-note.js";
export type { GenerateSoapNoteOptions } from "./generate/generate-soap-note.js";
export { regenerateSection } from "./generate/regenerate-section.js";
export type { RegenerateSectionOptions } from "./generate/regenerate-section.js";
export { SectionGenerationError, StructuredAnswerError } from "./generate/generation-errors.js";
export type { AnswerIssue } from "./generate/generation-errors.js";
export type { ChatGateway } from "./generate/gateway-call.js";
export type { NoteTranscript, TranscriptMode } from "./generate/note-transcript.js";

// ── pipeline (runVisit) ──
export { runVisit, chooseTranscriptMode } from "./pipeline/run-visit.js";
export type { VisitResult } from "./pipeline/run-visit.js";
export { runVisitEvents } from "./pipeline/run-visit-events.js";
export type { RunVisitOptions, VisitTranscripts, VisitGateway, TranscriptionParams } from "./pipeline/run-visit-options.js";
export type { PipelineEvent, PipelineStage, VisitEvent, VisitResultEvent } from "./pipeline/pipeline-events.js";
export { parseVisitInput, visitInputSchema } from "./pipeline/visit-input.js";
export type { VisitInput } from "./pipeline/visit-input.js";
export { transcriptionParams, defaultTranscriptionParams } from "./pipeline/transcription-params.js";
export { ROLES_WARNING_CODE } from "./pipeline/speaker-roles.js";
export { findCreatedTranscript, CREATE_LOOKUP_SKEW_MS } from "./pipeline/recover-create.js";
export type { ListTranscripts } from "./pipeline/recover-create.js";
