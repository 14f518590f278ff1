import { describe, expect, it } from "vitest";
import { forEachWithLimit as runPool, mapSettledWithLimit } from "./map-limit.js";

describe("forEachWithLimit", () => {
  it("never runs more than the limit at once and runs every item", async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, n % 3));
      seen.push(n);
      active--;
    });
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("starts nothing new once told to stop", async () => {
    const started: number[] = [];
    let stop = false;
    await runPool([1, 2, 3, 4], 1, async (n) => {
      started.push(n);
      if (n === 2) stop = true;
    }, () => stop);
    expect(started).toEqual([1, 2]);
  });

  it("rethrows a task's throw after the others settle", async () => {
    const done: number[] = [];
    await expect(
      runPool([1, 2, 3], 3, async (n) => {
        if (n === 1) throw new Error("boom");
        await new Promise((r) => setTimeout(r, 1));
        done.push(n);
      }),
    ).rejects.toThrow("boom");
    expect(done.sort()).toEqual([2, 3]);
  });
});

describe("mapSettledWithLimit", () => {
  it("settles every call in input order, rejections included", async () => {
    const settled = await mapSettledWithLimit([3, 1, 2], 2, async (n) => {
      await new Promise((r) => setTimeout(r, n));
      if (n === 1) throw new Error("one");
      return n * 10;
    });
    expect(settled.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([30, "one", 20]);
  });
});
