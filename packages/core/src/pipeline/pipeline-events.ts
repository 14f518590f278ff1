import type { Transcript } from "../clients/transcripts/transcript-schemas.js";
import type { SoapNote } from "../note/soap-note.js";

/** The stages of a visit, in the order they run (a stage that does not apply is skipped). */
export type PipelineStage = "upload" | "transcribe" | "wait" | "roles" | "generate" | "check" | "done";

/**
 * Progress of {@link runVisit}.
 *
 * - `elapsedMs`: milliseconds since the run started (from the injected clock), on every event.
 * - `end` events carry `detail.durationMs`, the time the stage took.
 * - `transcriptId` is set on the first event after AssemblyAI returned it (a `transcribe`
 *   `progress` event, before `onTranscriptCreated` runs) and on every event after that.
 * - `wait` `progress` events report each poll: `detail.status`, `detail.attempt`.
 * - `done` has only an `end` event; `detail.totalMs` is the whole run.
 *
 * `detail` never holds transcript text, quotes or secrets.
 */
export interface PipelineEvent {
  stage: PipelineStage;
  phase: "start" | "progress" | "end";
  transcriptId?: string;
  elapsedMs: number;
  detail?: Record<string, unknown>;
}

/** The last item of {@link runVisitEvents}: the note (and the transcript when there is one). */
export interface VisitResultEvent {
  stage: "result";
  note: SoapNote;
  transcript?: Transcript;
}

/** An item of {@link runVisitEvents}. */
export type VisitEvent = PipelineEvent | VisitResultEvent;
