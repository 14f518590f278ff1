import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AbortError } from "../errors/transport-errors.js";
import { PollBudget } from "./poll-budget.js";

/** A clock that only moves when the budget sleeps (or the test advances it). */
function fakeClock(start = 0) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => (now += ms),
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      await Promise.resolve();
      now += ms;
    },
  };
}

/** Most grants in any window of `windowMs` (grant times sorted). */
function peakInWindow(times: number[], windowMs: number): number {
  let peak = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while ((times[hi] as number) - (times[lo] as number) >= windowMs) lo++;
    peak = Math.max(peak, hi - lo + 1);
  }
  return peak;
}

describe("PollBudget", () => {
  it("lets a request through at once while tokens last (a lone visit never waits)", async () => {
    const c = fakeClock();
    const b = new PollBudget({ maxRequests: 100, windowMs: 1000, clock: c.now, sleep: c.sleep });
    for (let i = 0; i < b.capacity; i++) await b.take();
    expect(c.sleeps).toEqual([]);
    expect(b.stats()).toEqual({ granted: 10, delayed: 0, maxWaitMs: 0 });
  });

  it("sizes the bucket so that no window can hold more than maxRequests", () => {
    const b = new PollBudget({ maxRequests: 18_000 });
    expect(b.capacity).toBe(1800);
    expect(b.capacity + b.refillPerMs * b.windowMs).toBeCloseTo(18_000, 6);
  });

  it("once empty, waits for the next token and hands it out by rank", async () => {
    const c = fakeClock();
    const b = new PollBudget({ maxRequests: 20, windowMs: 1000, burstShare: 0.1, clock: c.now, sleep: c.sleep });
    await b.take();
    await b.take();
    const order: string[] = [];
    const all = Promise.all([
      b.take(9).then(() => order.push("new")),
      b.take(1).then(() => order.push("old")),
      b.take(5).then(() => order.push("mid")),
    ]);
    await all;
    expect(order).toEqual(["old", "mid", "new"]);
    // 18 tokens per 1000 ms after the burst of 2: one every ~56 ms.
    expect(c.now()).toBeGreaterThanOrEqual(3 * 55);
    expect(b.stats().delayed).toBe(3);
  });

  it("never lets more than maxRequests through in any window, whatever the arrival pattern", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 120 }), fc.integer({ min: 2, max: 40 }), async (gaps, max) => {
        const c = fakeClock();
        const b = new PollBudget({ maxRequests: max, windowMs: 1000, clock: c.now, sleep: c.sleep });
        const grants: number[] = [];
        const pending: Promise<unknown>[] = [];
        for (const gap of gaps) {
          c.advance(gap);
          pending.push(b.take().then(() => grants.push(c.now())));
          // Let an immediate grant record its time before the clock moves on.
          await new Promise<void>((r) => setTimeout(r, 0));
        }
        await Promise.all(pending);
        grants.sort((x, y) => x - y);
        expect(grants).toHaveLength(gaps.length);
        expect(peakInWindow(grants, 1000)).toBeLessThanOrEqual(max);
      }),
      { numRuns: 60 },
    );
  });

  it("an aborted waiter leaves without spending a token", async () => {
    const c = fakeClock();
    const b = new PollBudget({ maxRequests: 10, windowMs: 1000, clock: c.now, sleep: c.sleep });
    await b.take();
    const ac = new AbortController();
    const gone = b.take(0, ac.signal);
    ac.abort();
    await expect(gone).rejects.toBeInstanceOf(AbortError);
    await b.take();
    expect(b.stats().granted).toBe(2);
  });

  it("rejects limits that cannot work", () => {
    expect(() => new PollBudget({ maxRequests: 0 })).toThrow(/maxRequests/);
    expect(() => new PollBudget({ maxRequests: 1 })).toThrow(/at least 2/);
    expect(() => new PollBudget({ burstShare: 1 })).toThrow(/burstShare/);
    expect(() => new PollBudget({ windowMs: -5 })).toThrow(/windowMs/);
  });
});
