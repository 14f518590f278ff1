/** Lifecycle of a note job; see migrations/0001_init.sql for the transitions. */
export const JOB_STATUSES = ["creating", "transcribing", "queued", "generating", "completed", "failed", "deleted"] as const;

/** One of {@link JOB_STATUSES}. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Machine-readable reasons a job failed. */
export type FailureCode =
  | "transcript_create_failed"
  | "transcript_create_uncertain"
  | "transcription_failed"
  | "generation_failed"
  | "retries_exhausted";

/** A row of `jobs`. */
export interface JobRow {
  id: string;
  tenant_id: string;
  status: JobStatus;
  transcript_id: string | null;
  template_spec: string;
  experiment: string | null;
  variant: string | null;
  model: string;
  options_json: string;
  transcript_status: string | null;
  failure_code: FailureCode | null;
  failure_reason: string | null;
  attempts: number;
  enqueued_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A job with its note, when there is one. */
export interface JobWithNote extends JobRow {
  note_json: string | null;
}
