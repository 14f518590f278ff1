/**
 * Deliveries of one note-generation message, the first included. Must equal `max_retries + 1` of the
 * consumer in wrangler.jsonc.
 */
export const NOTE_JOB_MAX_ATTEMPTS = 5;

/**
 * Seconds the queue waits before redelivering a message whose delivery number `attempt` (1-based)
 * failed: 10, 20, 40, 80 … capped at 300, never less than what the server asked for (`Retry-After`,
 * capped at 900), plus up to 20 % jitter so that a burst of failures does not come back at once.
 *
 * @example queueRetryDelaySeconds(1, { random: () => 0 }) // 10
 */
export function queueRetryDelaySeconds(attempt: number, o: { retryAfterMs?: number | undefined; random: () => number }): number {
  const exponential = Math.min(300, 10 * 2 ** Math.max(0, attempt - 1));
  const asked = o.retryAfterMs !== undefined && o.retryAfterMs > 0 ? Math.min(900, Math.ceil(o.retryAfterMs / 1000)) : 0;
  const base = Math.max(exponential, asked);
  return Math.round(base + base * 0.2 * Math.min(Math.max(o.random(), 0), 1));
}

/** True when delivery number `attempt` is the last one the queue makes. */
export function isLastAttempt(attempt: number, maxAttempts = NOTE_JOB_MAX_ATTEMPTS): boolean {
  return attempt >= maxAttempts;
}
