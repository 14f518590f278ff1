/**
 * Retry policy as pure functions: which outcomes may be retried for which kind of request, and how
 * long to wait. No clocks or randomness inside: callers inject them.
 */

/**
 * How a request may be replayed:
 * - `idempotent`: GET and DELETE. Safe to repeat.
 * - `replayable`: a POST whose body can be sent again and whose duplicate costs nothing that
 *   matters (an upload of a Blob/bytes makes a second file), so it is retried like a read.
 * - `billed`: a POST billed per answer (chat completion, understanding). Retried like `replayable`
 *   except after a timeout: the gateway may still be writing the first answer, and a second request
 *   would pay for it twice. Callers opt in to that retry (`retryOnTimeout`).
 * - `at-most-once`: a POST whose duplicate would cost something that matters (`POST /v2/transcript`
 *   bills a second transcript), so it is retried only when the server certainly did not process it.
 * - `no-replay`: the body was a stream that is consumed once: never retried.
 */
export type RetryMode = "idempotent" | "replayable" | "billed" | "at-most-once" | "no-replay";

/** What one attempt ended with. */
export type AttemptOutcome =
  | { kind: "status"; status: number }
  /** No HTTP answer. `beforeSend` is true only when the connection was never established. */
  | { kind: "connection"; beforeSend: boolean }
  | { kind: "timeout" };

const RETRIABLE_STATUS = new Set([408, 409, 429]);

/** True for statuses worth retrying on a request that is safe to repeat. */
export function isRetriableStatus(status: number): boolean {
  return RETRIABLE_STATUS.has(status) || status >= 500;
}

/**
 * True when AssemblyAI certainly did not process the request: a 429 or 503 answer (rejected at the
 * door), or a connection that was never established.
 */
export function certainlyNotProcessed(outcome: AttemptOutcome): boolean {
  if (outcome.kind === "status") return outcome.status === 429 || outcome.status === 503;
  if (outcome.kind === "connection") return outcome.beforeSend;
  return false;
}

/**
 * Whether an attempt that ended with `outcome` may be sent again under `mode`.
 *
 * @example
 * ```ts
 * shouldRetry("idempotent", { kind: "status", status: 502 }); // true
 * shouldRetry("at-most-once", { kind: "status", status: 500 }); // false: may have been accepted
 * shouldRetry("at-most-once", { kind: "status", status: 503 }); // true
 * shouldRetry("billed", { kind: "timeout" });                     // false: may be billed twice
 * ```
 */
export function shouldRetry(mode: RetryMode, outcome: AttemptOutcome): boolean {
  switch (mode) {
    case "no-replay":
      return false;
    case "at-most-once":
      return certainlyNotProcessed(outcome);
    case "billed":
      if (outcome.kind === "timeout") return false;
      return outcome.kind === "status" ? isRetriableStatus(outcome.status) : true;
    case "idempotent":
    case "replayable":
      return outcome.kind === "status" ? isRetriableStatus(outcome.status) : true;
  }
}

/** Tuning of {@link retryDelayMs}. */
export interface RetryDelayOptions {
  /** Wait the server asked for (`Retry-After`), in ms. */
  retryAfterMs?: number | undefined;
  /** Random number in [0, 1): inject for tests. */
  random: () => number;
  /** First backoff step. @default 500 */
  baseMs?: number;
  /** Largest exponential step. @default 8000 */
  maxMs?: number;
  /** Largest wait taken from `Retry-After`. @default 60000 */
  maxRetryAfterMs?: number;
}

/**
 * Milliseconds to sleep before retry number `attempt` (0 for the first retry).
 * With `Retry-After`: that wait plus up to 10 % jitter (never earlier than asked), capped at
 * `maxRetryAfterMs`. Otherwise exponential `baseMs * 2^attempt` capped at `maxMs`, with jitter
 * that keeps it between half and all of that step.
 *
 * @example
 * ```ts
 * retryDelayMs(0, { random: () => 0.5 });                    // 375
 * retryDelayMs(0, { retryAfterMs: 2000, random: () => 0 });  // 2000
 * ```
 */
export function retryDelayMs(attempt: number, options: RetryDelayOptions): number {
  const { random, baseMs = 500, maxMs = 8000, maxRetryAfterMs = 60_000 } = options;
  if (options.retryAfterMs !== undefined && options.retryAfterMs >= 0) {
    const jitter = random() * Math.min(1000, options.retryAfterMs * 0.1);
    return Math.round(Math.min(maxRetryAfterMs, options.retryAfterMs + jitter));
  }
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step * (0.5 + 0.5 * random()));
}
