import { describe, expect, it } from "vitest";
import { runPool } from "./pool.js";

describe("runPool", () => {
  it("never has more than `limit` calls in flight and runs every item", async () => {
    let inFlight = 0;
    let most = 0;
    const results = await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return n * 2;
    });
    expect(most).toBe(3);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : null))).toEqual([2, 4, 6, 8, 10, 12, 14]);
  });
  it("settles a failing call as rejected without stopping the others", async () => {
    const results = await runPool(["a", "b", "c"], 2, async (s) => {
      if (s === "b") throw new Error("boom");
      return s;
    });
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
  it("rejects a limit that is not a positive whole number", async () => {
    await expect(runPool([1], 0, async (n) => n)).rejects.toThrow(RangeError);
  });
});
