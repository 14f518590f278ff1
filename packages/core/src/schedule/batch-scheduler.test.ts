import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AbortError } from "../errors/transport-errors.js";
import { HttpClient } from "../http/http-client.js";
import type { GatedRequest } from "../http/request-gate.js";
import { resolveConfig } from "../http/resolve-config.js";
import { fakeFetch, json } from "../internal/test-support/fake-fetch.js";
import { BatchScheduler, visitsInFlightFor } from "./batch-scheduler.js";
import { PollBudget } from "./poll-budget.js";

const API = "https://api.assemblyai.com";
const poll = (id: string): GatedRequest => ({ method: "GET", url: `${API}/v2/transcript/${id}`, operation: "GET /v2/transcript/{id}" });
const upload: GatedRequest = { method: "POST", url: `${API}/v2/upload`, operation: "POST /v2/upload" };
const chat: GatedRequest = { method: "POST", url: "https://llm-gateway.assemblyai.com/v1/chat/completions", operation: "POST /v1/chat/completions" };
const flush = () => new Promise<void>((r) => setTimeout(r, 0));
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, set: (t: number) => (now = t) };
}

describe("BatchScheduler", () => {
  it("keeps 2 × concurrency visits in progress and each stage at the concurrency by default", () => {
    const s = new BatchScheduler({ concurrency: 8, budget: false });
    expect(s.visitsInFlight).toBe(16);
    expect(visitsInFlightFor(3)).toBe(6);
    expect(s.limitOf("upload")).toBe(8);
    expect(new BatchScheduler({ concurrency: 8, stages: { poll: 3 }, budget: false }).limitOf("poll")).toBe(3);
  });

  it("limits each stage on its own: full upload slots do not hold up a chat", async () => {
    const s = new BatchScheduler({ concurrency: 1, budget: false });
    const held = await s.acquire(upload, undefined);
    let uploadWaiting = true;
    void s.acquire(upload, undefined).then((r) => {
      uploadWaiting = false;
      r();
    });
    const chatSlot = await s.acquire(chat, undefined);
    await flush();
    expect(uploadWaiting).toBe(true);
    chatSlot();
    held();
    await flush();
    expect(uploadWaiting).toBe(false);
    expect(s.stats().requests).toMatchObject({ upload: 2, chat: 1 });
  });

  it("gives an older transcript's poll a head start, but never more than maxPollHeadStartMs", async () => {
    const clock = manualClock();
    const s = new BatchScheduler({ concurrency: 1, budget: false, maxPollHeadStartMs: 1000, clock: clock.now });
    // "old" is first polled at t0; "new" 3 s later.
    (await s.acquire(poll("old"), undefined))();
    clock.set(1_003_000);
    const blocker = await s.acquire(poll("new"), undefined);
    const order: string[] = [];
    const queue = (id: string, at: number) => {
      clock.set(at);
      return s.acquire(poll(id), undefined).then((r) => {
        order.push(id);
        r();
      });
    };
    // "new" asks 500 ms before "old": old's 1000 ms head start puts it first.
    const a = [queue("new", 1_003_100), queue("old", 1_003_600)];
    blocker();
    await Promise.all(a);
    expect(order).toEqual(["old", "new"]);
    // "new" asks 1500 ms before "old": more than the head start, so "new" goes first.
    order.length = 0;
    const blocker2 = await s.acquire(poll("x"), undefined);
    const b = [queue("new", 1_004_000), queue("old", 1_005_500)];
    blocker2();
    await Promise.all(b);
    expect(order).toEqual(["new", "old"]);
  });

  it("when tokens are scarce, a chat goes before waiting polls", async () => {
    let now = 0;
    let wake: (() => void) | undefined;
    const budget = new PollBudget({ maxRequests: 10, windowMs: 1000, clock: () => now, sleep: () => new Promise<void>((r) => (wake = r)) });
    const s = new BatchScheduler({ concurrency: 4, budget, clock: () => now });
    (await s.acquire(poll("a"), undefined))(); // the one burst token
    const order: string[] = [];
    void s.acquire(poll("b"), undefined).then((r) => { order.push("poll"); r(); });
    void s.acquire(chat, undefined).then((r) => { order.push("chat"); r(); });
    await flush();
    while (order.length < 2) {
      now += 1000;
      wake?.();
      await flush();
    }
    expect(order).toEqual(["chat", "poll"]);
    expect(s.budget).toBe(budget);
  });

  it("an abort while waiting for a token frees the stage slot", async () => {
    const budget = new PollBudget({ maxRequests: 10, windowMs: 60_000, clock: () => 0, sleep: () => new Promise<void>(() => undefined) });
    const s = new BatchScheduler({ concurrency: 1, budget });
    (await s.acquire(poll("a"), undefined))();
    const ac = new AbortController();
    const waiting = s.acquire(poll("b"), ac.signal);
    await flush();
    ac.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    expect(s.stats().peakActive.poll).toBe(1);
    expect(s.stats().requests.poll).toBe(1);
  });
});

describe("HttpClient with a gate", () => {
  const schema = z.looseObject({ ok: z.boolean() });
  const send = (http: HttpClient, path: string, signal?: AbortSignal) =>
    http.send({ method: "GET", url: `${API}${path}`, operation: "GET /v2/x", schema, mode: "idempotent", request: signal ? { signal } : undefined });

  it("waits out a Retry-After outside its slot: another request uses the slot meanwhile", async () => {
    let firstA = true;
    const f = fakeFetch((call) => {
      if (call.url.endsWith("/a") && firstA) {
        firstA = false;
        return json({ error: "Too Many Requests" }, 429, { "Retry-After": "1" });
      }
      return json({ ok: true });
    });
    let wake: (() => void) | undefined;
    const sleep = () => new Promise<void>((r) => (wake = r));
    const gate = new BatchScheduler({ concurrency: 1, budget: false });
    const http = new HttpClient(resolveConfig({ apiKey: "k-123456", fetch: f.fetch, sleep, random: () => 0, gate }));
    const a = send(http, "/a");
    while (!wake) await flush();
    const b = await Promise.race([send(http, "/b").then(() => "sent"), delay(500).then(() => "stuck")]);
    expect(b).toBe("sent");
    wake();
    await expect(a).resolves.toEqual({ ok: true });
    expect(f.calls.map((c) => c.url.slice(-2))).toEqual(["/a", "/b", "/a"]);
    expect(gate.stats().requests.other).toBe(3);
  });

  it("does not count the wait for a turn against the attempt's timeout", async () => {
    const f = fakeFetch(() => json({ ok: true }));
    // The turn takes 3× the timeout; the request itself gets the whole 400 ms (wide, for loaded machines).
    const gate = { acquire: async () => { await delay(1200); return () => undefined; } };
    const http = new HttpClient(resolveConfig({ apiKey: "k-123456", fetch: f.fetch, timeoutMs: 400, gate }));
    await expect(send(http, "/slow-turn")).resolves.toEqual({ ok: true });
  });

  it("an abort while waiting for a turn is an AbortError and nothing is sent", async () => {
    const f = fakeFetch(() => json({ ok: true }));
    const gate = new BatchScheduler({ concurrency: 1, budget: false });
    const held = await gate.acquire({ method: "GET", url: `${API}/v2/x`, operation: "GET /v2/x" }, undefined);
    const http = new HttpClient(resolveConfig({ apiKey: "k-123456", fetch: f.fetch, gate }));
    const ac = new AbortController();
    const pending = send(http, "/x", ac.signal);
    await flush();
    ac.abort(new Error("user"));
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(f.calls).toHaveLength(0);
    held();
  });
});
