import { describe, expect, it } from "vitest";
import { bootstrapMean, bootstrapMeanDifference } from "./bootstrap.js";
import { seededRandom } from "./prng.js";

describe("seededRandom", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it("spreads values evenly enough for resampling (mean of 10,000 draws near 0.5)", () => {
    const r = seededRandom(1);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += r();
    expect(sum / 10_000).toBeGreaterThan(0.49);
    expect(sum / 10_000).toBeLessThan(0.51);
  });
});

describe("bootstrapMean", () => {
  const values = [0.1, 0.4, 0.35, 0.2, 0.5, 0.3, 0.25, 0.45];

  it("gives the same interval for the same seed and another for another seed", () => {
    const a = bootstrapMean(values, { seed: 3 });
    expect(bootstrapMean(values, { seed: 3 })).toEqual(a);
    expect(bootstrapMean(values, { seed: 4 })).not.toEqual(a);
  });

  it("brackets the mean inside the range of the values", () => {
    const m = bootstrapMean(values, { seed: 1 });
    expect(m?.mean).toBeCloseTo(0.31875, 12);
    expect(m!.low).toBeLessThan(m!.mean);
    expect(m!.high).toBeGreaterThan(m!.mean);
    expect(m!.low).toBeGreaterThanOrEqual(0.1);
    expect(m!.high).toBeLessThanOrEqual(0.5);
  });

  it("narrows as the sample grows", () => {
    const small = bootstrapMean(values, { seed: 1 })!;
    const big = bootstrapMean(Array.from({ length: 16 }, () => values).flat(), { seed: 1 })!;
    expect(big.high - big.low).toBeLessThan((small.high - small.low) / 2);
  });

  it("is a point for one value or equal values, and null for none", () => {
    expect(bootstrapMean([0.7])).toEqual({ n: 1, mean: 0.7, low: 0.7, high: 0.7 });
    expect(bootstrapMean([2, 2, 2])).toEqual({ n: 3, mean: 2, low: 2, high: 2 });
    expect(bootstrapMean([])).toBeNull();
  });
});

describe("bootstrapMeanDifference", () => {
  it("centres on the difference of means and is reproducible for a seed", () => {
    const a = [0.5, 0.6, 0.55, 0.65, 0.6];
    const b = [0.3, 0.35, 0.4, 0.3, 0.25];
    const d = bootstrapMeanDifference(a, b, { seed: 5 })!;
    expect(d.mean).toBeCloseTo(0.26, 12);
    expect(d.low).toBeGreaterThan(0.15);
    expect(d.high).toBeLessThan(0.37);
    expect(bootstrapMeanDifference(a, b, { seed: 5 })).toEqual(d);
    expect(bootstrapMeanDifference(a, [], { seed: 5 })).toBeNull();
  });
});
