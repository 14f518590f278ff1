import { SECRETS, type Harness } from "../harness.js";

/**
 * What every bad input shares: one harness in the middle of a webhook secret rotation, two tenants,
 * each with a note still transcribing (A's made with an `Idempotency-Key`), and A's expired and
 * revoked keys. A bad input must change none of it.
 */
export interface BadInputCtx {
  h: Harness;
  key: string;
  otherKey: string;
  expiredKey: string;
  revokedKey: string;
  noteId: string;
  transcriptId: string;
  otherNoteId: string;
  otherTranscriptId: string;
}

/** A bad input and the answer it must get: status, error code (or webhook action), key phrase, headers. */
export interface BadInput {
  name: string;
  send: (c: BadInputCtx) => Promise<Response>;
  want: { status: number; code: string; phrase: string; headers?: Record<string, string> };
}

/**
 * The webhook secret before the harness's rotation (`WEBHOOK_SECRET_PREVIOUS`), and one retired before
 * that (no longer configured). Both contain the run's secret, so that a leak of either is caught by
 * the same scans as the run's secret.
 */
export const PREVIOUS_WEBHOOK_SECRET = `${SECRETS.webhookSecret}.previous`;
export const RETIRED_WEBHOOK_SECRET = `${SECRETS.webhookSecret}.retired`;

/** The client address the harness's Rate Limiting stand-in always counts over its limit. */
export const FLOODING_IP = "203.0.113.66";

/** The `Idempotency-Key` A's note was created with. */
export const NOTE_IDEMPOTENCY_KEY = "chaos-visit-a-0001";
