/** Small statistics helpers for benchmark samples. Pure: no clock, no I/O. */

/** Thrown when a statistic is asked of no samples or of a value that is not a finite number. */
export class SampleError extends Error {
  override readonly name = "SampleError";
}

function checked(samples: readonly number[], what: string): number[] {
  if (samples.length === 0) throw new SampleError(`${what} of no samples`);
  for (const s of samples) if (!Number.isFinite(s)) throw new SampleError(`${what}: sample ${String(s)} is not a finite number`);
  return [...samples].sort((a, b) => a - b);
}

/** The median (mean of the two middle samples for an even count). */
export function median(samples: readonly number[]): number {
  const sorted = checked(samples, "median");
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The arithmetic mean. */
export function mean(samples: readonly number[]): number {
  checked(samples, "mean");
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** The p-th percentile (0..100) by linear interpolation between closest ranks. */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new SampleError(`percentile ${p} is outside 0..100`);
  const sorted = checked(samples, "percentile");
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

/** Smallest and largest sample. */
export function range(samples: readonly number[]): { min: number; max: number } {
  const sorted = checked(samples, "range");
  return { min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}

/** `a / b`, or null when b is 0 or either is not finite (a ratio that cannot be formed). */
export function ratio(a: number, b: number): number | null {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/**
 * B1's target: within `relative` (3 %) or `absoluteMs` (100 ms) of the limit, whichever is looser.
 * A figure below the limit (noise) meets it.
 */
export function withinOfLimit(ours: number, limit: number, relative = 0.03, absoluteMs = 100): boolean {
  return ours - limit <= Math.max(limit * relative, absoluteMs);
}
