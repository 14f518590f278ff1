import { describe, expect, it } from "vitest";
import { createSandbox, type FaultSpec } from "../index.js";
import { api } from "./test-support/http.js";
import { manualTime, tinyFixture } from "./test-support/fixtures.js";

async function setup(extra: Parameters<typeof createSandbox>[0] = {}) {
  const sb = createSandbox({ fixtures: [await tinyFixture()], queuedMs: 0, processingMs: 0, ...extra });
  return { sb, a: api(sb) };
}

describe("status faults", () => {
  it.each([429, 500, 502, 503, 504] as const)("answers %i on the next call only with times: 1", async (status) => {
    const { sb, a } = await setup();
    sb.faults.add({ route: "list", kind: "status", status, times: 1 });
    const failed = await a.get("/v2/transcript");
    expect(failed.status).toBe(status);
    expect((await a.get("/v2/transcript")).status).toBe(200);
    expect(sb.counters.route("list").statuses).toEqual({ [String(status)]: 1, "200": 1 });
  });

  it("sends Retry-After and AssemblyAI's body with a 429", async () => {
    const { sb, a } = await setup();
    sb.faults.add({ route: "create", kind: "status", status: 429, retryAfterSeconds: 7 });
    const res = await a.create();
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.json).toEqual({ error: "Too Many Requests" });
    expect(sb.counters.transcriptsCreated).toBe(0);
  });

  it("uses the gateway envelope on gateway routes", async () => {
    const { sb, a } = await setup();
    sb.faults.add({ route: "chat", kind: "status", status: 503 });
    const res = await a.post("/v1/chat/completions", { model: "claude-sonnet-4-5-20250929", prompt: "hi" });
    expect(res.json).toEqual({ error: { code: 503, message: "Service Unavailable" } });
  });

  it("with after: true, the handler runs (the transcript IS created) before the failure", async () => {
    const { sb, a } = await setup();
    sb.faults.add({ route: "create", kind: "status", status: 500, after: true, times: 1 });
    expect((await a.create()).status).toBe(500);
    expect(sb.counters.transcriptsCreated).toBe(1);
    expect(sb.state.transcripts.size).toBe(1);
  });

  it("fires a seeded fraction of calls with probability", async () => {
    const run = async (seed: number) => {
      const { sb, a } = await setup({ seed });
      sb.faults.add({ route: "list", kind: "status", status: 500, probability: 0.3 });
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await a.get("/v2/transcript")).status);
      return out;
    };
    const one = await run(7);
    expect(await run(7)).toEqual(one);
    const failures = one.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(25);
  });

  it("applies '*' faults to every route and can be removed", async () => {
    const { sb, a } = await setup();
    const id = sb.faults.add({ route: "*", kind: "status", status: 502 });
    expect((await a.get("/v2/transcript")).status).toBe(502);
    expect((await a.post("/v2/upload", {})).status).toBe(502);
    expect(sb.faults.remove(id)).toBe(true);
    expect((await a.get("/v2/transcript")).status).toBe(200);
  });

  it("rejects an invalid fault spec", async () => {
    const { sb } = await setup();
    expect(() => sb.faults.add({ route: "nope", kind: "status" } as unknown as FaultSpec)).toThrow();
  });
});

describe("connection faults", () => {
  it("reset: the in-process fetch rejects like undici with cause ECONNRESET", async () => {
    const { sb, a } = await setup();
    sb.faults.add({ route: "get", kind: "reset", times: 1 });
    const err = await sb.fetch("https://x/v2/transcript/abc", { headers: { authorization: sb.apiKey } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as TypeError).message).toBe("fetch failed");
    expect(((err as TypeError).cause as { code: string }).code).toBe("ECONNRESET");
    expect(sb.counters.route("get").statuses).toEqual({ reset: 1 });
    expect((await a.get("/v2/transcript/abc")).status).toBe(400); // the route works again: the lookup error of an unknown id
  });

  it("reset after the handler: the transcript exists although the caller saw a reset", async () => {
    const { sb, a } = await setup();
    sb.faults.add({ route: "create", kind: "reset", after: true, times: 1 });
    await expect(a.create()).rejects.toThrow("fetch failed");
    expect(sb.counters.transcriptsCreated).toBe(1);
  });

  it("hang: never answers until the request's signal aborts", async () => {
    const { sb } = await setup();
    sb.faults.add({ route: "list", kind: "hang", times: 1 });
    const controller = new AbortController();
    const pending = sb.fetch("https://x/v2/transcript", { headers: { authorization: sb.apiKey }, signal: controller.signal });
    let settled = false;
    void pending.then(() => (settled = true), () => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    controller.abort();
    const err = await pending.catch((e: unknown) => e);
    expect((err as Error).name).toBe("AbortError");
    expect(sb.counters.route("list").statuses).toEqual({ hang: 1 });
  });

  it("hang: a timeout signal ends it too", async () => {
    const { sb } = await setup();
    sb.faults.add({ route: "chat", kind: "hang" });
    const err = await sb.fetch("https://x/v1/chat/completions", { method: "POST", headers: { authorization: sb.apiKey }, body: "{}", signal: AbortSignal.timeout(15) }).catch((e: unknown) => e);
    expect((err as Error).name).toBe("TimeoutError");
  });

  it("malformed_json: answers 200 with a body that is not valid JSON", async () => {
    const { sb, a } = await setup();
    sb.faults.add({ route: "list", kind: "malformed_json", times: 1 });
    const res = await a.get("/v2/transcript");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(() => JSON.parse(res.text)).toThrow();
  });
});

describe("latency", () => {
  it("delays a route by base + seeded jitter on the scheduler", async () => {
    const time = manualTime();
    const delays: number[] = [];
    const scheduler = {
      setTimeout: (fn: () => void, ms: number) => {
        delays.push(ms);
        fn();
        return 0;
      },
      clearTimeout: () => undefined,
    };
    const sb = createSandbox({ clock: time.clock, scheduler, latency: { list: { baseMs: 100, jitterMs: 50 } } });
    await api(sb).get("/v2/transcript");
    await api(sb).get("/v2/transcript");
    expect(delays).toHaveLength(2);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThan(150);
    }
    expect(delays[0]).not.toBe(delays[1]);
  });
});

describe("reset", () => {
  it("forgets transcripts, faults and counters", async () => {
    const { sb, a } = await setup();
    await a.create();
    sb.faults.add({ route: "list", kind: "status", status: 500 });
    sb.reset();
    expect(sb.state.transcripts.size).toBe(0);
    expect(sb.counters.transcriptsCreated).toBe(0);
    expect((await a.get("/v2/transcript")).status).toBe(200);
  });
});
