import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pollDelayMs } from "./poll-backoff.js";

const mid = () => 0.5;

describe("pollDelayMs, proportional (default)", () => {
  it("polls every 150 ms at first, then at 6 % of the time waited, up to 5 s", () => {
    expect(pollDelayMs(0, 0, { random: mid })).toBe(150);
    expect(pollDelayMs(10, 2000, { random: mid })).toBe(150);
    expect(pollDelayMs(20, 3000, { random: mid })).toBe(180);
    expect(pollDelayMs(40, 30_000, { random: mid })).toBe(1800);
    expect(pollDelayMs(90, 600_000, { random: mid })).toBe(5000);
  });

  it("stays within ±10 % of the step, never above the cap, and grows with the time waited", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_600_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (elapsed, r) => {
        const step = Math.min(5000, Math.max(150, elapsed * 0.06));
        const d = pollDelayMs(0, elapsed, { random: () => r });
        return d >= Math.floor(step * 0.9) && d <= Math.min(5000, Math.ceil(step * 1.1));
      }),
    );
    const lo = pollDelayMs(0, 10_000, { random: mid });
    expect(pollDelayMs(0, 20_000, { random: mid })).toBeGreaterThan(lo);
  });

  it("sees a completion at most about overshootRatio late (simulated waits of 1 s to 10 min)", () => {
    for (const done of [1_000, 3_000, 7_500, 30_000, 90_000, 600_000]) {
      let t = 0;
      let polls = 0;
      while (t < done) {
        t += pollDelayMs(polls, t, { random: () => 0.999 });
        polls++;
      }
      expect(t - done).toBeLessThanOrEqual(Math.max(170, done * 0.06 * 1.1));
    }
  });

  it("honours a custom ratio, floor and cap", () => {
    expect(pollDelayMs(0, 10_000, { random: mid, overshootRatio: 0.2 })).toBe(2000);
    expect(pollDelayMs(0, 0, { random: mid, initialMs: 1000 })).toBe(1000);
    expect(pollDelayMs(0, 600_000, { random: mid, maxMs: 2000 })).toBe(2000);
  });
});

describe("pollDelayMs, exponential (with multiplier)", () => {
  it("grows by the multiplier per poll, ±20 % jitter, capped", () => {
    const delays = Array.from({ length: 12 }, (_, a) => pollDelayMs(a, 0, { random: mid, initialMs: 250, multiplier: 1.6 }));
    expect(delays[0]).toBe(250);
    expect(delays[1]).toBe(400);
    expect(delays.at(-1)).toBe(5000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const step = Math.min(5000, 250 * 1.6 ** attempt);
        const d = pollDelayMs(attempt, 0, { random: () => r, initialMs: 250, multiplier: 1.6 });
        return d >= Math.floor(step * 0.8) && d <= Math.min(5000, Math.ceil(step * 1.2));
      }),
    );
    expect(pollDelayMs(3, 0, { random: mid, initialMs: 100, multiplier: 2, maxMs: 500 })).toBe(500);
  });
});
