import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mean, median, percentile, range, ratio, SampleError, withinOfLimit } from "./stats.js";

describe("median", () => {
  it("takes the middle sample of an odd count, whatever the order", () => {
    expect(median([5, 1, 3])).toBe(3);
  });
  it("averages the two middle samples of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("refuses no samples and non-finite samples", () => {
    expect(() => median([])).toThrow(SampleError);
    expect(() => median([1, Number.NaN])).toThrow(/not a finite number/);
  });
  it("lies between the smallest and largest sample", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), { minLength: 1 }), (xs) => {
        const m = median(xs);
        const { min, max } = range(xs);
        return m >= min && m <= max;
      }),
    );
  });
});

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(25);
    expect(percentile([10, 20, 30, 40], 0)).toBe(10);
    expect(percentile([10, 20, 30, 40], 100)).toBe(40);
  });
  it("rejects a percentile outside 0..100", () => {
    expect(() => percentile([1], 101)).toThrow(SampleError);
  });
  it("never decreases as p grows", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (xs, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return percentile(xs, lo) <= percentile(xs, hi);
      }),
    );
  });
});

describe("mean and ratio", () => {
  it("averages samples", () => {
    expect(mean([1, 2, 6])).toBe(3);
  });
  it("gives null for a ratio over zero or a non-finite value", () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(Number.POSITIVE_INFINITY, 2)).toBeNull();
    expect(ratio(3, 2)).toBe(1.5);
  });
});

describe("withinOfLimit (B1's target)", () => {
  it("allows 100 ms over a short limit, where 3 % would be less", () => {
    expect(withinOfLimit(1100, 1000)).toBe(true);
    expect(withinOfLimit(1101, 1000)).toBe(false);
  });
  it("allows 3 % over a long limit, where 100 ms would be less", () => {
    expect(withinOfLimit(10_300, 10_000)).toBe(true);
    expect(withinOfLimit(10_301, 10_000)).toBe(false);
  });
  it("counts a figure under the limit (noise) as within", () => {
    expect(withinOfLimit(900, 1000)).toBe(true);
  });
});
