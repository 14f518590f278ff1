/**
 * Lifecycle of a note job; see migrations/0001_init.sql for the transitions. A `deleted` job whose
 * transcript still waits in `transcript_purges` is *deleting* (migrations/0003_job_lifecycle.sql): hidden
 * from the API at once, its transcript deleted at AssemblyAI as soon as AssemblyAI allows it.
 */
export const JOB_STATUSES = ["creating", "transcribing", "queued", "generating", "completed", "failed", "deleted"] as const;

/** One of {@link JOB_STATUSES}. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Machine-readable reasons a job failed. */
export type FailureCode =
  | "transcript_create_failed"
  | "transcript_create_uncertain"
  | "transcription_failed"
  | "generation_failed"
  | "retries_exhausted"
  /** The recording is longer than `MAX_AUDIO_MINUTES`: no note, transcript deleted. */
  | "audio_too_long";

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
  /** The generation lease: held by a delivery until then (epoch ms); null when nobody holds it. */
  lease_until: number | null;
  /** When the job reached `completed` or `failed`; retention counts from it. */
  finished_at: number | null;
  /** When its transcript was deleted at AssemblyAI; null while it is there. */
  transcript_purged_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A job with its note, when there is one. */
export interface JobWithNote extends JobRow {
  note_json: string | null;
}
