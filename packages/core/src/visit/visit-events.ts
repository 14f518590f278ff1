/** The stages of a visit, in the order they run (a stage that does not apply is skipped). */
export type VisitStage = "upload" | "transcribe" | "wait" | "roles" | "generate" | "done";

/**
 * Progress of a visit ({@link runVisit} and its steps).
 *
 * - `elapsedMs`: milliseconds since the step started (from the injected clock), on every event.
 * - `end` events carry `detail.durationMs`, the time the stage took.
 * - `transcriptId` is set on the first event after AssemblyAI returned it (a `transcribe`
 *   `progress` event, before the checkpoint is recorded) and on every event after that.
 * - `wait` `progress` events report each poll: `detail.status`, `detail.attempt`.
 * - `done` has only an `end` event; `detail.totalMs` is the whole run.
 *
 * `detail` never holds transcript text, quotes or secrets.
 */
export interface VisitEvent {
  stage: VisitStage;
  phase: "start" | "progress" | "end";
  transcriptId?: string;
  elapsedMs: number;
  detail?: Record<string, unknown>;
}
