import type { Fixture } from "./fixture-schema.js";
import type { DetectedLanguage } from "./language-detection.js";
import type { RenderedTranscript } from "./render.js";
import type { TranscriptParams } from "./transcript-params.js";

/** The statuses of the spec's `TranscriptStatus`. */
export type TranscriptStatus = "queued" | "processing" | "completed" | "error";

/** An uploaded file (bytes are hashed as they stream in, never kept). */
export interface StoredUpload {
  id: string;
  owner: string;
  sha256: string;
  size: number;
  createdAt: number;
  deleted: boolean;
}

/** A transcript job and everything needed to render it. */
export interface StoredTranscript {
  id: string;
  owner: string;
  /** Origin used for URLs in this job's answers (publicBaseUrl or the creating request's origin). */
  origin: string;
  createdAt: number;
  status: TranscriptStatus;
  throttled: boolean;
  /** When a queued job may start processing. */
  readyAt: number;
  /** When a processing job finishes. */
  doneAt: number | null;
  completedAt: number | null;
  params: TranscriptParams;
  fixture: Fixture | null;
  uploadId: string | null;
  /** Set when the job will end (or ended) in status "error". */
  failure: string | null;
  rendered: RenderedTranscript | null;
  /** Set when the job finished with `language_detection: true` (also when detection failed it). */
  language: DetectedLanguage | null;
  speechModelUsed: string;
  webhookStatusCode: number | null;
  deleted: boolean;
}

/** One webhook delivery attempt, as recorded for tests. */
export interface WebhookAttempt {
  transcriptId: string;
  kind: "transcript" | "redacted_audio";
  url: string;
  attempt: number;
  at: number;
  body: unknown;
  /** Headers sent (includes the echoed auth header; kept only in memory for tests). */
  headers: Record<string, string>;
  /** HTTP status received, or null when the request failed. */
  status: number | null;
  error: string | null;
  outcome: "delivered" | "retry" | "final";
}

/** A webhook waiting to be (re)sent. */
export interface PendingWebhook {
  transcriptId: string;
  kind: "transcript" | "redacted_audio";
  url: string;
  headers: Record<string, string>;
  body: unknown;
  attempt: number;
  dueAt: number;
  seq: number;
}

/** Everything the sandbox holds, exposed read-only-ish for tests. */
export interface SandboxState {
  uploads: Map<string, StoredUpload>;
  transcripts: Map<string, StoredTranscript>;
  webhookAttempts: WebhookAttempt[];
  pendingWebhooks: PendingWebhook[];
  /** Chat requests as received after placeholder substitution (for tests). */
  chatRequests: { transcriptId: string | null; messages: { role: string; content: string }[] }[];
}

export function emptyState(): SandboxState {
  return { uploads: new Map(), transcripts: new Map(), webhookAttempts: [], pendingWebhooks: [], chatRequests: [] };
}
