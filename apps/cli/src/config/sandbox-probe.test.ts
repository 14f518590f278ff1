import { SANDBOX_RESPONSE_HEADER } from "@org/soap-sandbox";
import { describe, expect, it } from "vitest";
import { detectServedSandbox, probeSandbox, SANDBOX_HEADER } from "./sandbox-probe.js";
import { resolveSettings } from "./settings.js";

const KEY = { ASSEMBLYAI_API_KEY: "k" };
const URLS = { ASSEMBLYAI_BASE_URL: "http://127.0.0.1:1", ASSEMBLYAI_GATEWAY_URL: "http://127.0.0.1:2" };

/** A fetch that answers each origin as told, and records what was asked. */
function fakeFetch(answers: Record<string, "sandbox" | "other" | "down">) {
  const asked: { url: string; init: RequestInit | undefined }[] = [];
  const fn = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    asked.push({ url: String(url), init });
    const kind = answers[new URL(String(url)).origin];
    if (kind === "down") throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:1") });
    return new Response("{}", { status: 404, headers: kind === "sandbox" ? { [SANDBOX_HEADER]: "1" } : {} });
  };
  return { asked, fetch: fn as typeof fetch };
}

const ctx = () => {
  let err = "";
  return { err: () => err, c: { stderr: { write: (s: string | Uint8Array) => ((err += String(s)), true) }, env: {} } as never };
};

describe("probeSandbox", () => {
  it("names the header the sandbox sets on every response", () => {
    expect(SANDBOX_HEADER).toBe(SANDBOX_RESPONSE_HEADER);
  });

  it("tells a sandbox from another server and from no answer, sending no key", async () => {
    const f = fakeFetch({ "http://127.0.0.1:1": "sandbox", "http://127.0.0.1:2": "other", "http://127.0.0.1:3": "down" });
    expect(await probeSandbox("http://127.0.0.1:1", f.fetch)).toEqual({ kind: "sandbox" });
    expect(await probeSandbox("http://127.0.0.1:2", f.fetch)).toEqual({ kind: "other", status: 404 });
    expect(await probeSandbox("http://127.0.0.1:3", f.fetch)).toEqual({ kind: "unreachable", reason: "connect ECONNREFUSED 127.0.0.1:1" });
    for (const a of f.asked) expect(new Headers(a.init?.headers).get("authorization")).toBeNull();
  });

  it("gives up after the timeout", async () => {
    const hanging = ((_u: string, init?: RequestInit) => new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new Error("aborted"))))) as typeof fetch;
    expect(await probeSandbox("http://x", hanging, 20)).toEqual({ kind: "unreachable", reason: "no answer within 20 ms" });
  });
});

describe("detectServedSandbox", () => {
  it("puts the run in the sandbox environment when both URLs answer as a sandbox, and says so", async () => {
    const settings = resolveSettings({ flags: {}, env: { ...KEY, ...URLS } });
    expect(settings.overrides.environment).toBe("assemblyai");
    const f = fakeFetch({ "http://127.0.0.1:1": "sandbox", "http://127.0.0.1:2": "sandbox" });
    const c = ctx();
    const out = await detectServedSandbox(settings, c.c, f.fetch);
    expect(out.overrides.environment).toBe("sandbox");
    expect(out.servedSandbox).toBe(true);
    expect(out.sandbox).toBe(false);
    expect(c.err()).toMatch(/http:\/\/127\.0\.0\.1:1 is a soap-notes sandbox .*notes are marked as sandbox output/);
  });

  it.each([
    ["the gateway is not a sandbox", { "http://127.0.0.1:1": "sandbox", "http://127.0.0.1:2": "other" }],
    ["the API is not a sandbox", { "http://127.0.0.1:1": "other", "http://127.0.0.1:2": "sandbox" }],
    ["the gateway does not answer", { "http://127.0.0.1:1": "sandbox", "http://127.0.0.1:2": "down" }],
  ] as const)("stays assemblyai when %s (text never reaches a real gateway unstated)", async (_why, answers) => {
    const settings = resolveSettings({ flags: {}, env: { ...KEY, ...URLS } });
    const c = ctx();
    const out = await detectServedSandbox(settings, c.c, fakeFetch(answers).fetch);
    expect(out.overrides.environment).toBe("assemblyai");
    expect(out.servedSandbox).toBeUndefined();
    expect(c.err()).toBe("");
  });

  it("asks nothing when a URL is AssemblyAI's own (not overridden), or on the embedded sandbox", async () => {
    const f = fakeFetch({});
    const onlyBase = resolveSettings({ flags: {}, env: { ...KEY, ASSEMBLYAI_BASE_URL: "http://127.0.0.1:1" } });
    expect((await detectServedSandbox(onlyBase, ctx().c, f.fetch)).overrides.environment).toBe("assemblyai");
    const embedded = resolveSettings({ flags: {}, env: {} });
    expect((await detectServedSandbox(embedded, ctx().c, f.fetch)).overrides.environment).toBe("sandbox");
    expect(f.asked).toEqual([]);
  });
});
