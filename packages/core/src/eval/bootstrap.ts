import { hashSeed, seededRandom } from "./prng.js";

/** Options of the bootstrap. */
export interface BootstrapOptions {
  /** Seed of the PRNG; the same seed gives the same interval. @default 42 */
  seed?: number;
  /** Number of resamples. @default 2000 */
  resamples?: number;
  /** Coverage of the interval. @default 0.95 */
  confidence?: number;
}

/** A mean with its bootstrap confidence interval. */
export interface MeanWithInterval {
  /** How many values the mean is over. */
  n: number;
  mean: number;
  /** Lower and upper bound of the percentile bootstrap interval (equal to the mean when n = 1). */
  low: number;
  high: number;
}

/** The defaults of {@link BootstrapOptions}. */
export const BOOTSTRAP_DEFAULTS = { seed: 42, resamples: 2000, confidence: 0.95 } as const;

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

/** The `q` quantile of sorted values, linearly interpolated (numpy's default). */
function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/**
 * The mean of `values` and its percentile bootstrap confidence interval: `resamples` times, draw
 * `n` values with replacement and take their mean; the interval spans the middle `confidence` of
 * those means. `label` makes the stream of random numbers differ per metric while staying fixed
 * for a seed. Returns `null` for no values.
 *
 * @example
 * ```ts
 * bootstrapMean([0.2, 0.4, 0.3], { seed: 7 }); // { n: 3, mean: 0.3, low: 0.2…, high: 0.4… }
 * ```
 */
export function bootstrapMean(values: readonly number[], options: BootstrapOptions = {}, label = ""): MeanWithInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const m = mean(values);
  if (n === 1) return { n, mean: m, low: m, high: m };
  const resamples = options.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
  const confidence = options.confidence ?? BOOTSTRAP_DEFAULTS.confidence;
  const random = seededRandom(hashSeed(options.seed ?? BOOTSTRAP_DEFAULTS.seed, label));
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)] as number;
    means[r] = sum / n;
  }
  means.sort();
  const tail = (1 - confidence) / 2;
  // Rounding can put a bound a hair outside [min, max] of the means; the mean itself stays inside.
  return { n, mean: m, low: Math.min(quantile(means, tail), m), high: Math.max(quantile(means, 1 - tail), m) };
}

/** A difference of means with its interval, and how it was measured. */
export interface Difference extends MeanWithInterval {
  /**
   * `paired`: mean of per-visit differences over the visits both arms scored (`n` pairs);
   * `unpaired`: difference of the two arms' means, each arm resampled on its own (`n` = the smaller arm), for arms that share too few visits (an A/B split sends each visit to one arm).
   */
  method: "paired" | "unpaired";
}

/**
 * The difference of the means of `a` and `b` (a − b) with a percentile bootstrap interval that
 * resamples each group on its own: for arms with different visits. `null` when either is empty.
 */
export function bootstrapMeanDifference(a: readonly number[], b: readonly number[], options: BootstrapOptions = {}, label = ""): MeanWithInterval | null {
  if (a.length === 0 || b.length === 0) return null;
  const d = mean(a) - mean(b);
  const resamples = options.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
  const confidence = options.confidence ?? BOOTSTRAP_DEFAULTS.confidence;
  const random = seededRandom(hashSeed(options.seed ?? BOOTSTRAP_DEFAULTS.seed, label));
  const draw = (values: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[Math.floor(random() * values.length)] as number;
    return sum / values.length;
  };
  const diffs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) diffs[r] = draw(a) - draw(b);
  diffs.sort();
  const tail = (1 - confidence) / 2;
  return { n: Math.min(a.length, b.length), mean: d, low: Math.min(quantile(diffs, tail), d), high: Math.max(quantile(diffs, 1 - tail), d) };
}
