/** Attempts of one request to the edge API before its error is the visit's (the first one included). */
export const REMOTE_MAX_ATTEMPTS = 8;
/**
 * Attempts when the API only asked to come back later (429 with `Retry-After`, 409 `request_in_progress`):
 * a busy deployment or a first use that still runs is not a fault of the visit.
 */
export const REMOTE_MAX_WAITS = 60;
/** The longest wait between two attempts, whatever `Retry-After` asks (a daily quota's asks for hours). */
export const REMOTE_MAX_DELAY_MS = 120_000;

/**
 * True for an answer worth sending again unchanged: 429 (a limit; wait `Retry-After`), 409
 * `request_in_progress` (the same `Idempotency-Key`'s first use still runs), 500/502/503/504 of the edge
 * (the API's own creates are replayed by their `Idempotency-Key`, so a retried create never makes a second
 * note). Never 502 `transcript_create_failed` / `transcript_create_uncertain`: those are the note's answer.
 */
export function shouldRetryRemote(status: number, code: string | undefined): boolean {
  if (status === 429) return true;
  if (status === 409) return code === "request_in_progress";
  if (status === 502) return code !== "transcript_create_failed" && code !== "transcript_create_uncertain";
  return status === 500 || status === 503 || status === 504;
}

/**
 * Wait before attempt `attempt + 1` (attempt counts from 1): the server's `Retry-After` when it gave one
 * (capped at {@link REMOTE_MAX_DELAY_MS}) plus up to 10% jitter, else 0.5 s doubling to 30 s, with full jitter
 * on its upper half, so that 64 visits refused at once do not come back at once.
 */
export function remoteRetryDelayMs(attempt: number, o: { retryAfterMs?: number | undefined; random: () => number }): number {
  if (o.retryAfterMs !== undefined && o.retryAfterMs >= 0) {
    const base = Math.min(o.retryAfterMs, REMOTE_MAX_DELAY_MS);
    return Math.round(base + base * 0.1 * o.random());
  }
  const ceiling = Math.min(30_000, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * o.random());
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
