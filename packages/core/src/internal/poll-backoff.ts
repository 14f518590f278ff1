/** Tuning of the delay between two polls of a transcript. */
export interface PollBackoffOptions {
  /** First delay. @default 250 */
  initialMs?: number;
  /** Cap. @default 5000 */
  maxMs?: number;
  /** Growth per poll. @default 1.6 */
  multiplier?: number;
  /** Random number in [0, 1). */
  random: () => number;
}

/**
 * Delay before poll number `attempt + 1`: starts near `initialMs`, grows by `multiplier`, never
 * exceeds `maxMs`; ±20 % jitter spreads many waiting clients apart.
 *
 * @example
 * ```ts
 * pollDelayMs(0, { random: () => 0.5 }); // 250
 * pollDelayMs(20, { random: () => 0.5 }); // 5000
 * ```
 */
export function pollDelayMs(attempt: number, options: PollBackoffOptions): number {
  const { initialMs = 250, maxMs = 5000, multiplier = 1.6, random } = options;
  const step = Math.min(maxMs, initialMs * multiplier ** Math.max(0, attempt));
  return Math.round(Math.min(maxMs, step * (0.8 + 0.4 * random())));
}
