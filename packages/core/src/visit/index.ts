/**
 * `@org/soap-core/visit` — the use cases the CLI and the edge API both run, written once: plan a
 * visit from config + overrides + a stable key, start its transcript (resuming from a checkpoint),
 * draft the note as planned, run the whole visit, and regenerate a section with the note's own plan;
 * and the rule for text dialogues, with the local scrubber of their structured identifiers.
 *
 * @example
 * ```ts
 * import { planVisit, runVisit } from "@org/soap-core/visit";
 * const plan = await planVisit(config, "visit-042");
 * const { note } = await runVisit({ kind: "audio_url", url }, { plan, transcripts, gateway });
 * ```
 * @packageDocumentation
 */
export { planVisit, visitPlanFromJson } from "./plan.js";
export type { VisitPlan, VisitOverrides, LegacyPlanFields } from "./plan.js";
export { applyCheckpoint } from "./checkpoint.js";
export type { VisitCheckpoint, CheckpointUpdate } from "./checkpoint.js";
export { runVisit, startTranscript, draftNote } from "./run-visit.js";
export type { VisitResult } from "./run-visit.js";
export type { StartedTranscript } from "./start-transcript.js";
export { resolveTranscriptMode } from "./draft-note.js";
export { regenerateNoteSection, checkTranscriptBinding } from "./regenerate.js";
export type { RegenerateNoteSectionOptions } from "./regenerate.js";
export { parseVisitInput } from "./visit-input.js";
export type { VisitInput } from "./visit-input.js";
export { expandPolicies, applyRedaction, redactionRecord, textRedactionRecord, PRESET_NAMES } from "./redaction.js";
export { planTextRedaction, textRedactionOf, checkTextInput, prepareDialogue, dialogueAsRecorded } from "./text-redaction.js";
export type { TextRedactionPlan, TextRedactionInput, PreparedDialogue } from "./text-redaction.js";
export { scrubText, findIdentifiers } from "../redact-text/scrub-text.js";
export type { ScrubOptions, ScrubResult } from "../redact-text/scrub-text.js";
export { scrubDialogue } from "../redact-text/scrub-dialogue.js";
export type { ScrubbedDialogue } from "../redact-text/scrub-dialogue.js";
export { SCRUBBER_POLICIES } from "../redact-text/scrub-policies.js";
export type { ScrubberPolicy } from "../redact-text/scrub-policies.js";
export type { ScrubFinding } from "../redact-text/finding.js";
export type { RedactionOverride } from "./redaction.js";
export { findCreatedTranscript, lookUpLostCreate, CREATE_LOOKUP_SKEW_MS } from "./recover-create.js";
export type { LostCreate, LostCreateLookup, LostCreateLookupOptions } from "./recover-create.js";
export { visitIdempotencyKey } from "./idempotency-key.js";
export type { VisitIdentity } from "./idempotency-key.js";
export type { ListTranscripts } from "./recover-create.js";
export { ROLES_WARNING_CODE } from "./speaker-roles.js";
export { forEachWithLimit, mapSettledWithLimit } from "../internal/map-limit.js";
export type { VisitEvent, VisitStage } from "./visit-events.js";
export type {
  RunVisitOptions,
  StartTranscriptOptions,
  DraftNoteOptions,
  VisitContext,
  VisitTranscripts,
  VisitGateway,
  TranscriptionParams,
  DeliveryParams,
  Clock,
  TranscriptionSlots,
} from "./visit-ports.js";
export { parseVisitConfig } from "./config.js";
export { retentionDecision, retentionCutoff, retentionFromHours, checkRetentionPolicy, MAX_RETENTION_MS, type RetentionPolicy, type RetentionSubject, type RetentionDecision, type RetentionKeepReason } from "./retention.js";
export { BatchScheduler, visitsInFlightFor, DEFAULT_MAX_POLL_HEAD_START_MS } from "../schedule/batch-scheduler.js";
export type { BatchSchedulerOptions, BatchSchedulerStats } from "../schedule/batch-scheduler.js";
export { PollBudget, ASSEMBLYAI_REQUEST_LIMIT, DEFAULT_MAX_REQUESTS_PER_5_MIN } from "../schedule/poll-budget.js";
export type { PollBudgetOptions, PollBudgetStats } from "../schedule/poll-budget.js";
export { StageLimiter } from "../schedule/stage-limiter.js";
export { requestStage, REQUEST_STAGES } from "../schedule/request-stage.js";
export type { RequestStage } from "../schedule/request-stage.js";
