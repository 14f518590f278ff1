/** Tuning of the delay between two polls of a transcript. */
export interface PollBackoffOptions {
  /** Smallest delay (and the first). @default 150 */
  initialMs?: number;
  /** Largest delay. @default 5000 */
  maxMs?: number;
  /**
   * Proportional schedule (the default): the delay is this fraction of the time waited so far, so
   * the completion is seen at most about this fraction late. @default 0.06
   */
  overshootRatio?: number;
  /** Exponential schedule instead: the delay grows by this factor per poll (±20 % jitter). */
  multiplier?: number;
  /** Random number in [0, 1). */
  random: () => number;
}

/** Defaults of the proportional poll schedule. */
export const POLL_DEFAULTS = { initialMs: 150, maxMs: 5000, overshootRatio: 0.06 } as const;

/**
 * Delay before the poll after poll number `attempt`, `elapsedMs` after the wait began.
 *
 * Default (proportional): `elapsedMs × overshootRatio` kept within [initialMs, maxMs], ±10 % jitter.
 * A transcript that completes after t ms of waiting is seen about `overshootRatio × t` later at
 * most (6 %: 180 ms late on a 3 s job, 1.8 s on a 30 s one), for about 17 polls per e-fold of
 * waiting after the first 2.5 s (a 45 s job: ~67 GETs of the account's 20,000 per 5 minutes).
 *
 * With `multiplier` (exponential): `initialMs × multiplier^attempt`, capped, ±20 % jitter.
 *
 * @example
 * ```ts
 * pollDelayMs(0, 0, { random: () => 0.5 }); // 150
 * pollDelayMs(40, 30_000, { random: () => 0.5 }); // 1800
 * ```
 */
export function pollDelayMs(attempt: number, elapsedMs: number, options: PollBackoffOptions): number {
  const { initialMs = POLL_DEFAULTS.initialMs, maxMs = POLL_DEFAULTS.maxMs, random } = options;
  if (options.multiplier !== undefined) {
    const step = Math.min(maxMs, initialMs * options.multiplier ** Math.max(0, attempt));
    return Math.round(Math.min(maxMs, step * (0.8 + 0.4 * random())));
  }
  const ratio = options.overshootRatio ?? POLL_DEFAULTS.overshootRatio;
  const step = Math.min(maxMs, Math.max(initialMs, Math.max(0, elapsedMs) * ratio));
  return Math.round(Math.min(maxMs, step * (0.9 + 0.2 * random())));
}
