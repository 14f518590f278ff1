/**
 * `@org/soap-core/schemas` — the zod schemas behind every boundary of core (AssemblyAI requests and
 * responses, LLM Gateway requests and responses, the SOAP note, visit inputs, plans and checkpoints)
 * and the note's JSON Schema. Kept out of the other entries so that a bundle that only calls the
 * clients does not carry JSON Schema generation.
 *
 * @example
 * ```ts
 * import { transcriptSchema, soapNoteJsonSchema } from "@org/soap-core/schemas";
 * const transcript = transcriptSchema.parse(JSON.parse(text));
 * ```
 * @packageDocumentation
 */
export { createTranscriptParamsSchema, listTranscriptsParamsSchema } from "../clients/transcripts/create-transcript-params.js";
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
} from "../clients/transcripts/transcript-schemas.js";
export { chatCompletionRequestSchema, chatCompletionSchema, chatMessageSchema, responseFormatSchema, usageSchema } from "../clients/gateway/chat-schemas.js";
export { gatewayModelSchema, gatewayModelsResponseSchema, understandingRequestSchema, understandingResponseSchema } from "../clients/gateway/gateway-schemas.js";
export {
  SoapNote,
  evidenceSchema,
  evidenceMatchSchema,
  noteWarningSchema,
  statementSchema,
  noteSectionSchema,
  noteUsageSchema,
  provenanceSchema,
  redactionRecordSchema,
  sectionHistorySchema,
} from "../note/soap-note.js";
export { soapNoteJsonSchema } from "./note-json-schema.js";
export { visitInputSchema } from "../visit/visit-input.js";
export { visitPlanSchema } from "../visit/plan.js";
export { visitCheckpointSchema } from "../visit/checkpoint.js";
