/**
 * @org/soap-core — portable clients for AssemblyAI's transcripts API and LLM Gateway, with one error
 * hierarchy. Runs unchanged on Node, Cloudflare Workers and browsers.
 *
 * Entry points, by layer:
 * - `@org/soap-core`: the clients, their options and every error class (this file);
 * - `@org/soap-core/visit`: the use cases both apps run (plan, run/resume, draft, regenerate);
 * - `@org/soap-core/engine`: the note engine (generate, parse, check evidence, the note type);
 * - `@org/soap-core/export`: Markdown, JSON and FHIR R4;
 * - `@org/soap-core/schemas`: the zod and JSON schemas of every request, response and note.
 * @packageDocumentation
 */

// ── clients ───────────────────────────────────────────────────────────────────
export { TranscriptsClient } from "./clients/transcripts/transcripts-client.js";
export type { TranscriptsClientOptions, UploadBody } from "./clients/transcripts/transcripts-client.js";
export { DEFAULT_WAIT_DEADLINE_MS } from "./clients/transcripts/wait-for-transcript.js";
export type { WaitOptions, PollInfo } from "./clients/transcripts/wait-for-transcript.js";
export { PII_POLICIES } from "./clients/transcripts/create-transcript-params.js";
export type { CreateTranscriptParams, ListTranscriptsParams, PiiPolicy } from "./clients/transcripts/create-transcript-params.js";
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
export { GatewayClient, DEFAULT_SPEAKER_ROLES, MODEL_CHECK_TIMEOUT_MS } from "./clients/gateway/gateway-client.js";
export { createClients } from "./clients/create-clients.js";
export type { SoapClients } from "./clients/create-clients.js";
export type { SpeakerRoles, GatewayClientOptions } from "./clients/gateway/gateway-client.js";
export { TRANSCRIPT_PLACEHOLDER } from "./clients/gateway/chat-schemas.js";
export type { ChatCompletionRequest, ChatCompletion, ChatMessage, ChatUsage } from "./clients/gateway/chat-schemas.js";
export type { GatewayModel, UnderstandingRequest, UnderstandingResponse } from "./clients/gateway/gateway-schemas.js";
export {
  REGION_HOSTS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_UPLOAD_IDLE_TIMEOUT_MS,
  DEFAULT_CHAT_TIMEOUT_PER_TOKEN_MS,
} from "./http/client-options.js";
export type { ClientOptions, RequestOptions, Region } from "./http/client-options.js";
export type { RequestGate, GatedRequest } from "./http/request-gate.js";
export type { SleepFn } from "./internal/sleep.js";

// ── errors: every error core throws extends SoapNotesError (the same classes as @org/soap-core/errors)
export * from "./errors/index.js";
export type { ApiErrorInit } from "./errors/api-errors.js";
export type { ValidationIssue } from "./errors/response-validation-error.js";
export type { SoapParseErrorCode } from "./parse/soap-parse-error.js";
export type { AnswerIssue } from "./generate/generation-errors.js";
export { isPermanentError } from "./errors/classify.js";
export { fromResponse } from "./errors/from-response.js";
export type { ErrorResponseInput } from "./errors/from-response.js";
