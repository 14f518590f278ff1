import { AuthenticationError, ConnectionError } from "@org/soap-core";
import { describe, expect, it } from "vitest";
import { RemoteClient } from "./remote-client.js";

function fakeFetch(answers: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = answers.shift();
    if (next === undefined) throw new Error("no more answers");
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const envelope = (code: string, message = "x") => JSON.stringify({ error: { code, message, request_id: "r1" } });

describe("RemoteClient", () => {
  it("retries a 429 after Retry-After seconds and a 409 request_in_progress, then returns the answer", async () => {
    const { fetch, calls } = fakeFetch([
      new Response(envelope("rate_limited"), { status: 429, headers: { "retry-after": "7" } }),
      new Response(envelope("request_in_progress"), { status: 409, headers: { "retry-after": "1" } }),
      new Response(JSON.stringify({ id: "n1" }), { status: 202 }),
    ]);
    const waits: number[] = [];
    const client = new RemoteClient({ baseUrl: "http://api.test/", apiKey: "soap_sk_secret", fetch, random: () => 0, sleep: async (ms) => void waits.push(ms) });
    const answer = await client.request<{ id: string }>("POST", "/v1/notes", { json: { audio_url: "https://a.test/x.mp3" }, headers: { "idempotency-key": "k1" } });
    expect(answer.body).toEqual({ id: "n1" });
    expect(waits).toEqual([7_000, 1_000]);
    expect(calls.map((c) => c.url)).toEqual(Array(3).fill("http://api.test/v1/notes"));
    expect(new Headers(calls[2]?.init.headers).get("idempotency-key")).toBe("k1");
    expect(new Headers(calls[2]?.init.headers).get("authorization")).toBe("Bearer soap_sk_secret");
  });

  it("throws core's AuthenticationError on 401 at once, without the key in its message", async () => {
    const { fetch, calls } = fakeFetch([new Response(envelope("unauthorized", "bad key soap_sk_secret"), { status: 401 })]);
    const client = new RemoteClient({ baseUrl: "http://api.test", apiKey: "soap_sk_secret", fetch, sleep: async () => undefined });
    const err = await client.request("GET", "/v1/notes/finished").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as Error).message).not.toContain("soap_sk_secret");
    expect(calls).toHaveLength(1);
  });

  it("does not retry a create the API failed (502 transcript_create_failed), and retries a plain 503", async () => {
    const failed = fakeFetch([new Response(envelope("transcript_create_failed"), { status: 502 })]);
    const c1 = new RemoteClient({ baseUrl: "http://api.test", apiKey: "k", fetch: failed.fetch, sleep: async () => undefined });
    await expect(c1.request("POST", "/v1/notes", { json: {} })).rejects.toMatchObject({ status: 502 });
    expect(failed.calls).toHaveLength(1);
    const busy = fakeFetch([new Response("", { status: 503 }), new Response("{}", { status: 200 })]);
    const c2 = new RemoteClient({ baseUrl: "http://api.test", apiKey: "k", fetch: busy.fetch, sleep: async () => undefined });
    await expect(c2.request("GET", "/v1/notes/finished")).resolves.toMatchObject({ status: 200 });
  });

  it("turns a refused connection into a ConnectionError with the host after its retries", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const { fetch, calls } = fakeFetch(Array.from({ length: 8 }, () => refused));
    const client = new RemoteClient({ baseUrl: "http://127.0.0.1:9", apiKey: "k", fetch, sleep: async () => undefined });
    const err = await client.request("GET", "/v1/notes/finished").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ code: "ECONNREFUSED", host: "127.0.0.1:9" });
    expect(calls).toHaveLength(8);
  });
});
