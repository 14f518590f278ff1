import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createHarness, KNEE_AUDIO_URL, type Harness } from "./support/harness.js";
import { completedNote, envelope } from "./support/flow.js";

const routes: { method: string; path: string; json?: unknown }[] = [
  { method: "POST", path: "/v1/notes", json: { audio_url: KNEE_AUDIO_URL } },
  { method: "GET", path: "/v1/notes" },
  { method: "GET", path: "/v1/notes/some-id" },
  { method: "GET", path: "/v1/notes/some-id?format=md" },
  { method: "POST", path: "/v1/notes/some-id/sections/plan/regenerate" },
  { method: "DELETE", path: "/v1/notes/some-id" },
];

describe("authentication", () => {
  let h: Harness;
  let revokedKey: string;
  beforeAll(async () => {
    h = createHarness();
    const revoked = await h.seedTenant("Revoked Clinic");
    revokedKey = revoked.key;
    await env.DB.prepare("UPDATE api_keys SET revoked_at = 1 WHERE tenant_id = ?1").bind(revoked.tenantId).run();
  });

  for (const route of routes) {
    it(`answers 401 to ${route.method} ${route.path} without a key, with a wrong key and with a revoked key`, async () => {
      for (const key of [null, "soap_sk_wrong", revokedKey]) {
        const res = await h.request(route.path, { method: route.method, key, ...(route.json ? { json: route.json } : {}) });
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
        expect((await envelope(res)).error.code).toBe("unauthorized");
      }
    });
  }

  it("rejects a key sent without the Bearer scheme", async () => {
    const { key } = await h.seedTenant("Clinic");
    const res = await h.request("/v1/notes", { headers: { authorization: key } });
    expect(res.status).toBe(401);
  });

  it("creates no transcript for an unauthenticated request", async () => {
    const before = h.sandbox.counters.transcriptsCreated;
    await h.request("/v1/notes", { method: "POST", key: "nope", json: { audio_url: KNEE_AUDIO_URL } });
    expect(h.sandbox.counters.transcriptsCreated).toBe(before);
  });

  it("serves health, the OpenAPI document and the docs page without a key, and readiness with one", async () => {
    const health = await h.request("/v1/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    expect((await h.request("/v1/health/ready")).status).toBe(401);
    const { key } = await h.seedTenant("Prober");
    const ready = await h.request("/v1/health/ready", { key });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ok", database: "ok" });
    expect((await h.request("/v1/openapi.json")).status).toBe(200);
    const docs = await h.request("/v1/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("/v1/notes/{id}/sections/{section}/regenerate");
  });

  it("answers unknown routes with the 404 envelope", async () => {
    const res = await h.request("/v1/nope");
    expect(res.status).toBe(404);
    expect((await envelope(res)).error.code).toBe("not_found");
  });
});

describe("tenancy", () => {
  let h: Harness;
  let a: { tenantId: string; key: string };
  let b: { tenantId: string; key: string };
  let noteOfA: string;
  beforeAll(async () => {
    h = createHarness();
    a = await h.seedTenant("Clinic A");
    b = await h.seedTenant("Clinic B");
    noteOfA = await completedNote(h, a.key);
  });

  it("lets the owner read the note", async () => {
    expect((await h.request(`/v1/notes/${noteOfA}`, { key: a.key })).status).toBe(200);
  });

  it("answers 404 (not 403) when another tenant reads, renders, regenerates or deletes the note", async () => {
    for (const [method, path] of [
      ["GET", `/v1/notes/${noteOfA}`],
      ["GET", `/v1/notes/${noteOfA}?format=fhir`],
      ["POST", `/v1/notes/${noteOfA}/sections/plan/regenerate`],
      ["DELETE", `/v1/notes/${noteOfA}`],
    ] as const) {
      const res = await h.request(path, { method, key: b.key });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await envelope(res)).error.code).toBe("not_found");
    }
    // Still there for its owner, and its transcript was not deleted at AssemblyAI.
    expect((await h.request(`/v1/notes/${noteOfA}`, { key: a.key })).status).toBe(200);
    expect(h.sandbox.counters.calls("delete")).toBe(0);
  });

  it("lists only the caller's notes", async () => {
    const listA = (await (await h.request("/v1/notes", { key: a.key })).json()) as { data: { id: string }[] };
    const listB = (await (await h.request("/v1/notes", { key: b.key })).json()) as { data: { id: string }[] };
    expect(listA.data.map((n) => n.id)).toContain(noteOfA);
    expect(listB.data).toEqual([]);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a key used up its window, and serves again in the next window", async () => {
    const h = createHarness({ vars: { RATE_LIMIT_PER_MINUTE: "3" } });
    const { key } = await h.seedTenant("Busy Clinic");
    const other = await h.seedTenant("Quiet Clinic");
    h.advance(60_000 - (h.now() % 60_000)); // start of a window
    for (let i = 0; i < 3; i++) {
      const ok = await h.request("/v1/notes", { key });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("ratelimit-remaining")).toBe(String(2 - i));
    }
    h.advance(15_000);
    const limited = await h.request("/v1/notes", { key });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("45");
    expect((await envelope(limited)).error.code).toBe("rate_limited");
    // Another key is not affected.
    expect((await h.request("/v1/notes", { key: other.key })).status).toBe(200);
    h.advance(45_000);
    expect((await h.request("/v1/notes", { key })).status).toBe(200);
  });
});
