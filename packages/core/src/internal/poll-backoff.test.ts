import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pollDelayMs } from "./poll-backoff.js";

describe("pollDelayMs", () => {
  it("starts at about 250 ms and grows to a 5 s cap", () => {
    const mid = () => 0.5;
    const delays = Array.from({ length: 12 }, (_, a) => pollDelayMs(a, { random: mid }));
    expect(delays[0]).toBe(250);
    expect(delays[1]).toBe(400);
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays.at(-1)).toBe(5000);
  });

  it("stays within ±20 % of the step and never above the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const step = Math.min(5000, 250 * 1.6 ** attempt);
        const d = pollDelayMs(attempt, { random: () => r });
        return d >= Math.floor(step * 0.8) && d <= Math.min(5000, Math.ceil(step * 1.2));
      }),
    );
  });

  it("honours custom initial delay, cap and multiplier", () => {
    expect(pollDelayMs(0, { random: () => 0.5, initialMs: 1000 })).toBe(1000);
    expect(pollDelayMs(3, { random: () => 0.5, initialMs: 100, multiplier: 2, maxMs: 500 })).toBe(500);
  });
});
