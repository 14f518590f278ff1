import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AbortError, ConnectionError, TimeoutError } from "../errors/transport-errors.js";
import { InternalServerError, NotFoundError, RateLimitError } from "../errors/api-errors.js";
import { ResponseValidationError } from "../errors/response-validation-error.js";
import { fakeFetch, fakeTime, json, netError, sequence, type FakeFetch } from "../internal/test-support/fake-fetch.js";
import { HttpClient, type SendOptions } from "./http-client.js";
import { resolveConfig } from "./resolve-config.js";

const KEY = "test-key-123456";
const schema = z.looseObject({ ok: z.boolean() });

function client(f: FakeFetch, extra: { timeoutMs?: number; maxRetries?: number } = {}) {
  const time = fakeTime();
  const http = new HttpClient(resolveConfig({ apiKey: KEY, fetch: f.fetch, sleep: time.sleep, now: time.now, random: () => 0.5, ...extra }));
  return { http, time };
}

const get = (o: Partial<SendOptions<{ ok: boolean }>> = {}): SendOptions<{ ok: boolean }> => ({
  method: "GET",
  url: "https://api.assemblyai.com/v2/x",
  operation: "GET /v2/x",
  schema,
  mode: "idempotent",
  ...o,
});

describe("HttpClient", () => {
  it("sends the raw key in Authorization (no Bearer) and calls fetch unbound", async () => {
    const f = sequence(json({ ok: true }));
    const { http } = client(f);
    await expect(http.send(get())).resolves.toEqual({ ok: true });
    expect(f.calls[0]!.headers.get("authorization")).toBe(KEY);
    expect(f.calls[0]!.thisArg).toBeUndefined();
  });

  it("retries a 503 with exponential backoff and then succeeds", async () => {
    const f = sequence(json({ error: "x" }, 503), json({ error: "x" }, 503), json({ ok: true }));
    const { http, time } = client(f);
    await expect(http.send(get())).resolves.toEqual({ ok: true });
    expect(f.calls).toHaveLength(3);
    expect(time.sleeps).toEqual([375, 750]);
  });

  it("retries a 429 after the Retry-After seconds", async () => {
    const f = sequence(json({ error: "Too Many Requests" }, 429, { "Retry-After": "3" }), json({ ok: true }));
    const { http, time } = client(f);
    await http.send(get());
    expect(time.sleeps).toEqual([3150]);
  });

  it("gives up after maxRetries and throws the typed error", async () => {
    const f = sequence(json({ error: "Too Many Requests" }, 429, { "Retry-After": "1" }));
    const { http } = client(f, { maxRetries: 1 });
    const err = await http.send(get()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(1000);
    expect(f.calls).toHaveLength(2);
  });

  it("honours a per-request maxRetries override", async () => {
    const f = sequence(json({ error: "x" }, 500));
    const { http } = client(f);
    await expect(http.send(get({ request: { maxRetries: 0 } }))).rejects.toBeInstanceOf(InternalServerError);
    expect(f.calls).toHaveLength(1);
  });

  it("does not retry a 404", async () => {
    const f = sequence(json({ error: "Not found" }, 404));
    const { http } = client(f);
    await expect(http.send(get())).rejects.toBeInstanceOf(NotFoundError);
    expect(f.calls).toHaveLength(1);
  });

  it("retries connection errors on reads and reports the system code", async () => {
    const f = sequence(netError("ECONNRESET"));
    const { http } = client(f, { maxRetries: 2 });
    const err = await http.send(get()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).code).toBe("ECONNRESET");
    expect((err as ConnectionError).cause).toBeInstanceOf(TypeError);
    expect(f.calls).toHaveLength(3);
  });

  it("names the host it could not reach on a ConnectionError (the port too, when the URL has one)", async () => {
    const api = await http(sequence(netError("ENOTFOUND")), "https://api.eu.assemblyai.com/v2/x");
    expect(api.host).toBe("api.eu.assemblyai.com");
    const local = await http(sequence(netError("ECONNREFUSED")), "http://127.0.0.1:9/v2/x");
    expect(local.host).toBe("127.0.0.1:9");
    expect(local.code).toBe("ECONNREFUSED");

    async function http(f: FakeFetch, url: string): Promise<ConnectionError> {
      const err = await client(f, { maxRetries: 0 }).http.send(get({ url })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionError);
      return err as ConnectionError;
    }
  });

  it("times out a hanging request with TimeoutError", async () => {
    const f = sequence("hang");
    const { http } = client(f, { timeoutMs: 20, maxRetries: 0 });
    await expect(http.send(get())).rejects.toBeInstanceOf(TimeoutError);
  });

  it("uses the per-request timeout over the client's", async () => {
    const f = sequence("hang");
    const { http } = client(f, { timeoutMs: 60_000, maxRetries: 0 });
    const started = Date.now();
    await expect(http.send(get({ request: { timeoutMs: 15 } }))).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("turns the caller's abort into AbortError and stops retrying", async () => {
    const ac = new AbortController();
    const f = fakeFetch(() => {
      setTimeout(() => ac.abort(new Error("user cancelled")), 5);
      return "hang";
    });
    const { http } = client(f);
    const err = await http.send(get({ request: { signal: ac.signal } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(f.calls).toHaveLength(1);
  });

  it("stops retrying with AbortError when the signal aborts during the backoff sleep", async () => {
    const ac = new AbortController();
    const f = sequence(json({ error: "x" }, 503));
    const http = new HttpClient(
      resolveConfig({
        apiKey: KEY,
        fetch: f.fetch,
        sleep: async (_ms, signal) => {
          ac.abort(new Error("user cancelled"));
          throw signal?.reason;
        },
      }),
    );
    const err = await http.send(get({ request: { signal: ac.signal } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as Error).message).toMatch(/waiting to retry/);
    expect(f.calls).toHaveLength(1);
  });

  it("refuses to start when the signal is already aborted", async () => {
    const f = sequence(json({ ok: true }));
    const { http } = client(f);
    await expect(http.send(get({ request: { signal: AbortSignal.abort() } }))).rejects.toBeInstanceOf(AbortError);
    expect(f.calls).toHaveLength(0);
  });

  it("throws ResponseValidationError with issues, status and request id for a body that does not fit", async () => {
    const f = sequence(json({ ok: "yes" }, 200, { "x-request-id": "req-9" }));
    const { http } = client(f);
    const err = (await http.send(get()).catch((e: unknown) => e)) as ResponseValidationError;
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.status).toBe(200);
    expect(err.requestId).toBe("req-9");
    expect(err.issues[0]!.path).toEqual(["ok"]);
    expect(err.message).not.toContain("yes");
  });

  it("throws ResponseValidationError for a 200 that is not JSON", async () => {
    const f = sequence(new Response("<html>", { status: 200 }));
    const { http } = client(f);
    await expect(http.send(get())).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it("lets unknown response fields through", async () => {
    const f = sequence(json({ ok: true, brand_new_field: [1, 2] }));
    const { http } = client(f);
    await expect(http.send(get())).resolves.toEqual({ ok: true, brand_new_field: [1, 2] });
  });
});
