import { describe, expect, it } from "vitest";
import { FinishedWatcher, UNCERTAIN_GRACE_MS } from "./finished-watcher.js";
import type { RemoteClient } from "./remote-client.js";

type Row = { id: string; status: "completed" | "failed"; failure: { code: string; reason: string } | null };

/** A fake client: the feed serves `feed` once each, lookups answer from `notes`. */
function fakeClient(feed: Row[][], notes: Map<string, Row>) {
  const paths: string[] = [];
  const client = {
    request: async (_method: string, path: string) => {
      paths.push(path);
      if (path.startsWith("/v1/notes/finished")) return { status: 200, headers: new Headers(), body: { data: feed.shift() ?? [], next_cursor: "c1" } };
      const id = decodeURIComponent(path.split("/").pop() ?? "");
      return { status: 200, headers: new Headers(), body: notes.get(id) ?? { status: "transcribing", failure: null } };
    },
  } as unknown as RemoteClient;
  return { client, paths };
}

describe("FinishedWatcher", () => {
  it("settles many notes from one feed read, and keeps its cursor", async () => {
    const { client, paths } = fakeClient([[{ id: "a", status: "completed", failure: null }, { id: "b", status: "failed", failure: { code: "generation_failed", reason: "x" } }]], new Map());
    const watcher = new FinishedWatcher(client, new AbortController().signal, { timing: { minIntervalMs: 1, maxIntervalMs: 1 } });
    const [a, b] = await Promise.all([watcher.wait("a"), watcher.wait("b")]);
    expect(a.status).toBe("completed");
    expect(b.failure?.code).toBe("generation_failed");
    expect(paths.filter((p) => p.startsWith("/v1/notes/finished"))).toHaveLength(1);
  });

  it("does not take an uncertain create's failure as final during its grace period", async () => {
    let now = 1_000_000;
    const notes = new Map<string, Row>();
    const uncertain: Row = { id: "u", status: "failed", failure: { code: "transcript_create_uncertain", reason: "?" } };
    const { client } = fakeClient([[uncertain]], notes);
    const watcher = new FinishedWatcher(client, new AbortController().signal, { timing: { minIntervalMs: 1, maxIntervalMs: 1 }, now: () => now });
    let settled: string | undefined;
    const waiting = watcher.wait("u").then((o) => (settled = o.status));
    await new Promise((r) => setTimeout(r, 30));
    expect(settled).toBeUndefined();
    // its webhook resumed it: the next lookup finds it completed
    notes.set("u", { id: "u", status: "completed", failure: null });
    now += 25_000;
    await waiting;
    expect(settled).toBe("completed");
  });

  it("gives an uncertain create the feed listed before anyone waited on it its grace period too", async () => {
    let now = 1_000_000;
    const notes = new Map<string, Row>();
    const uncertain: Row = { id: "u", status: "failed", failure: { code: "transcript_create_uncertain", reason: "?" } };
    // The feed lists "u" while its visit still retries the create whose answer was lost (no waiter yet).
    const { client } = fakeClient([[uncertain, { id: "a", status: "completed", failure: null }]], notes);
    const watcher = new FinishedWatcher(client, new AbortController().signal, { timing: { minIntervalMs: 1, maxIntervalMs: 1 }, now: () => now });
    expect((await watcher.wait("a")).status).toBe("completed");
    let settled: string | undefined;
    const waiting = watcher.wait("u").then((o) => (settled = o.status));
    await new Promise((r) => setTimeout(r, 30));
    expect(settled).toBeUndefined();
    notes.set("u", { id: "u", status: "completed", failure: null });
    now += 25_000;
    await waiting;
    expect(settled).toBe("completed");
  });

  it("fails an uncertain create once the grace period is over", async () => {
    let now = 0;
    const uncertain: Row = { id: "u", status: "failed", failure: { code: "transcript_create_uncertain", reason: "?" } };
    const { client } = fakeClient([], new Map([["u", uncertain]]));
    const watcher = new FinishedWatcher(client, new AbortController().signal, { timing: { minIntervalMs: 1, maxIntervalMs: 1, stragglerMs: 1 }, now: () => now });
    const outcome = watcher.wait("u");
    now += UNCERTAIN_GRACE_MS + 1;
    expect((await outcome).failure?.code).toBe("transcript_create_uncertain");
  });
});
