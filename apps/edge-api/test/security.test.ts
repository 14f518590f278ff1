import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createHarness, KNEE_AUDIO_URL } from "./support/harness.js";
import { completedNote, envelope } from "./support/flow.js";
import { FakeRateLimiter } from "./support/fake-rate-limiter.js";

/** The test D1, counting the statements prepared on it. */
function countingDb(): { db: D1Database; prepared: () => number } {
  let count = 0;
  const db = new Proxy(env.DB, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (prop === "prepare" && typeof value === "function") {
        return (sql: string) => {
          count++;
          return (value as (sql: string) => D1PreparedStatement).call(target, sql);
        };
      }
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db, prepared: () => count };
}

describe("security headers", () => {
  it("sends no-store, nosniff, HSTS, a strict CSP, no framing, no referrer and a request id on every note answer", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const answers = {
      create: await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } }),
      note: await h.request(`/v1/notes/${id}`, { key }),
      markdown: await h.request(`/v1/notes/${id}?format=md`, { key }),
      fhir: await h.request(`/v1/notes/${id}?format=fhir`, { key }),
      list: await h.request("/v1/notes", { key }),
      notFound: await h.request("/v1/notes/nope", { key }),
      unauthorized: await h.request(`/v1/notes/${id}`),
      unknownRoute: await h.request("/v1/nope"),
    };
    for (const [name, res] of Object.entries(answers)) {
      const header = (n: string) => res.headers.get(n);
      expect(header("cache-control"), name).toBe("no-store");
      expect(header("x-content-type-options"), name).toBe("nosniff");
      expect(header("strict-transport-security"), name).toBe("max-age=63072000; includeSubDomains");
      expect(header("content-security-policy"), name).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      expect(header("x-frame-options"), name).toBe("DENY");
      expect(header("referrer-policy"), name).toBe("no-referrer");
      expect(header("x-request-id"), name).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(Object.values(answers).map((r) => r.headers.get("x-request-id"))).size).toBe(Object.keys(answers).length);
  });

  it("lets the docs page load its own inline style only (by hash)", async () => {
    const h = createHarness();
    const res = await h.request("/v1/docs");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; frame-ancestors 'none'/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(await res.text())?.[1] ?? "";
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(style)));
    expect(csp).toContain(`'sha256-${btoa(String.fromCharCode(...digest))}'`);
  });
});

describe("errors with a correlation id", () => {
  it("puts the request id in every error body, matching the header", async () => {
    const h = createHarness();
    for (const res of [await h.request("/v1/nope"), await h.request("/v1/notes"), await h.request("/v1/notes", { method: "POST", key: "soap_sk_x", json: {} })]) {
      const { error } = (await res.clone().json()) as { error: { request_id?: string } };
      expect(error.request_id).toBe(res.headers.get("x-request-id"));
    }
  });

  it("answers an upstream failure generically; the status and upstream request id are in the log, under the request id", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    h.sandbox.faults.add({ route: "chat", kind: "status", status: 503, times: 5 });
    const res = await h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key });
    expect(res.status).toBe(502);
    const { error } = await envelope(res);
    const requestId = res.headers.get("x-request-id") ?? "";
    expect(error).toEqual({
      code: "upstream_error",
      message: `AssemblyAI request failed (HTTP 503); try again later. Quote request id ${requestId} to the operator.`,
      request_id: requestId,
    });
    expect(h.logs).toContainEqual(expect.objectContaining({ event: "upstream.failed", request_id: requestId, upstream_status: 503, error: "InternalServerError" }));
  });

  it("tells a caller nothing about a misconfiguration, not even without a key", async () => {
    const h = createHarness({ vars: { PUBLIC_BASE_URL: "http://api.soap.test" } });
    const res = await h.request("/v1/notes");
    expect(res.status).toBe(500);
    const { error } = await envelope(res);
    expect(error.message).toBe(`The service is misconfigured and cannot answer. Quote request id ${res.headers.get("x-request-id")} to the operator.`);
    expect(JSON.stringify(error)).not.toMatch(/PUBLIC_BASE_URL|wrangler|binding/i);
    expect(h.logs).toContainEqual(expect.objectContaining({ event: "config.invalid", issues: [expect.stringMatching(/^PUBLIC_BASE_URL: must be an https URL/)] }));
  });
});

describe("the per-IP limit before any D1 read", () => {
  it("answers 429 to a flood of guessed keys from one address without reading D1, and counts others apart", async () => {
    const limiter = new FakeRateLimiter(2);
    const { db, prepared } = countingDb();
    const h = createHarness({ bindings: { IP_RATE_LIMITER: limiter, DB: db } });
    const from = (ip: string) => ({ "cf-connecting-ip": ip });
    const guess = (ip: string) => h.request("/v1/notes", { key: `soap_sk_${crypto.randomUUID()}`, headers: from(ip) });
    expect((await guess("203.0.113.7")).status).toBe(401);
    expect((await guess("203.0.113.7")).status).toBe(401);
    const before = prepared();
    const limited = await guess("203.0.113.7");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    const { error } = await envelope(limited);
    expect(error.code).toBe("rate_limited");
    expect(error.details).toMatchObject({ cap: "requests_per_ip_per_minute" });
    expect((await h.request("/v1/health", { headers: from("203.0.113.7") })).status).toBe(429);
    expect(prepared()).toBe(before);
    // Another address, and an IPv6 host's whole /64, are their own buckets.
    expect((await guess("198.51.100.1")).status).toBe(401);
    await guess("2001:db8:1:2::a");
    await guess("2001:db8:1:2::b");
    expect((await guess("2001:db8:1:2:ffff::1")).status).toBe(429);
    expect(limiter.calls).toContain("ip6:2001:db8:1:2::/64");
  });

  it("serves /v1/health without a D1 read, refuses non-keys without a D1 read, and never counts webhooks", async () => {
    const limiter = new FakeRateLimiter(1000);
    const { db, prepared } = countingDb();
    const h = createHarness({ bindings: { IP_RATE_LIMITER: limiter, DB: db } });
    expect((await h.request("/v1/health")).status).toBe(200);
    expect((await h.request("/v1/notes", { key: "not-one-of-ours" })).status).toBe(401);
    expect(prepared()).toBe(0);
    const webhook = await h.request("/v1/webhooks/assemblyai", { method: "POST", json: { transcript_id: "t", status: "completed" } });
    expect(webhook.status).toBe(401);
    expect(limiter.calls).toHaveLength(2);
  });
});

describe("ENFORCE_REDACTION", () => {
  it("refuses a request that turns redaction off with 403 (the default), and allows it when the flag is off", async () => {
    const enforced = createHarness();
    const { key } = await enforced.seedTenant("Clinic");
    const res = await enforced.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL, redaction: false } });
    expect(res.status).toBe(403);
    const { error } = await envelope(res);
    expect(error.code).toBe("redaction_required");
    expect(error.message).toMatch(/requires PII redaction.*remove `redaction: false`/);
    expect(enforced.sandbox.counters.transcriptsCreated).toBe(0);
    expect((await enforced.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL, redaction: { substitution: "entity_name" } } })).status).toBe(202);

    const relaxed = createHarness({ vars: { ENFORCE_REDACTION: "false" } });
    const other = await relaxed.seedTenant("Research");
    expect((await relaxed.request("/v1/notes", { method: "POST", key: other.key, json: { audio_url: KNEE_AUDIO_URL, redaction: false } })).status).toBe(202);
    const [transcript] = [...relaxed.sandbox.state.transcripts.values()];
    expect(transcript?.params.redact_pii).toBeFalsy();
  });
});
