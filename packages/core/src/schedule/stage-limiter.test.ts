import { describe, expect, it } from "vitest";
import { AbortError } from "../errors/transport-errors.js";
import { StageLimiter } from "./stage-limiter.js";

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe("StageLimiter", () => {
  it("lets `limit` holders in at once and passes the slot on when one releases", async () => {
    const l = new StageLimiter(2);
    const a = await l.acquire();
    await l.acquire();
    let third = false;
    void l.acquire().then(() => (third = true));
    await flush();
    expect([l.active, l.waiting, third]).toEqual([2, 1, false]);
    a();
    await flush();
    expect([l.active, l.waiting, third]).toEqual([2, 0, true]);
    expect(l.peak).toBe(2);
  });

  it("serves waiters by rank, then in arrival order", async () => {
    const l = new StageLimiter(1);
    const first = await l.acquire();
    const order: string[] = [];
    const wait = (name: string, rank: number) => l.acquire(rank).then((release) => { order.push(name); release(); });
    const all = Promise.all([wait("late-low", 5), wait("b", 1), wait("c", 1), wait("a", 0)]);
    first();
    await all;
    expect(order).toEqual(["a", "b", "c", "late-low"]);
  });

  it("an aborted waiter leaves the queue with AbortError and takes no slot", async () => {
    const l = new StageLimiter(1);
    const held = await l.acquire();
    const ac = new AbortController();
    const waiting = l.acquire(0, ac.signal);
    ac.abort(new Error("stop"));
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    expect(l.waiting).toBe(0);
    held();
    expect(l.active).toBe(0);
  });

  it("a second release of the same slot does nothing", async () => {
    const l = new StageLimiter(1);
    const r = await l.acquire();
    r();
    r();
    expect(l.active).toBe(0);
    const again = await l.acquire();
    expect(l.active).toBe(1);
    again();
  });

  it("refuses a limit below 1", () => {
    expect(() => new StageLimiter(0)).toThrow(RangeError);
    expect(() => new StageLimiter(1.5)).toThrow(RangeError);
  });
});
