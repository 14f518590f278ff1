import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { envelope } from "./support/flow.js";
import { createHarness } from "./support/harness.js";
import { createWebhookHarness, RECEIVER_ORIGIN } from "./support/tenant-webhooks.js";

type Endpoint = { id: string; url: string; events: string[]; status: string; secret?: string; previous_secret_expires_at: string | null };

describe("POST /v1/webhook-endpoints", () => {
  it("registers an endpoint and shows its whsec_ secret once: never in list or get, stored encrypted", async () => {
    const { h, register } = createWebhookHarness();
    const { key, tenantId } = await h.seedTenant("Clinic hooks");
    const created = await register(key, { description: "EHR sync" });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({ url: `${RECEIVER_ORIGIN}/hook`, events: ["note.completed", "note.failed"], status: "enabled", description: "EHR sync" });
    expect(created.body.id).toMatch(/^we_[0-9a-f]{32}$/);

    const list = (await (await h.request("/v1/webhook-endpoints", { key })).json()) as { data: Endpoint[] };
    expect(list.data.map((e) => e.id)).toEqual([created.body.id]);
    const one = (await (await h.request(`/v1/webhook-endpoints/${created.body.id}`, { key })).json()) as Endpoint;
    expect(one.id).toBe(created.body.id);
    expect(JSON.stringify([list, one])).not.toContain(created.body.secret);
    expect(JSON.stringify([list, one])).not.toContain("secret_enc");

    const row = await env.DB.prepare("SELECT secret_enc FROM webhook_endpoints WHERE id = ?1").bind(created.body.id).first<{ secret_enc: string }>();
    expect(row?.secret_enc).toMatch(/^v1\./);
    expect(row?.secret_enc).not.toContain(created.body.secret.slice(6));
    const audit = await env.DB.prepare("SELECT action, endpoint_id, note_id FROM audit_events WHERE tenant_id = ?1").bind(tenantId).all();
    expect(audit.results).toEqual([{ action: "webhook_endpoint.created", endpoint_id: created.body.id, note_id: null }]);
  });

  it.each([
    [{ url: "http://hooks.example.com/x" }, "url", /must use https/],
    [{ url: "https://user:pw@hooks.example.com/x" }, "url", /user name or password/],
    [{ url: "https://10.0.0.5/x" }, "url", /not an IP address/],
    [{ url: "https://[::1]/x" }, "url", /not an IP address/],
    [{ url: "https://metadata.internal/x" }, "url", /internal host name/],
    [{ url: "https://localhost/x" }, "url", /internal host name/],
    [{ url: "http://127.0.0.1:9000/x" }, "url", /must use https/],
    [{ url: "https://hooks.example.com/x#frag" }, "url", /fragment/],
    [{ url: `https://hooks.example.com/${"a".repeat(2100)}` }, "url", /2048/],
    [{ url: "not a url" }, "url", /absolute https URL/],
    [{ events: [] }, "events", /at least one/],
    [{ events: ["note.completed", "note.completed"] }, "events", /repeat/],
    [{ events: ["note.deleted"] }, "events.0", /./],
    [{ description: "x".repeat(201) }, "description", /./],
    [{ secret: "whsec_mine" }, "secret", /./],
  ])("refuses %j with 400 naming %s", async (patch, field, message) => {
    const { h } = createWebhookHarness();
    const { key } = await h.seedTenant("Clinic bad");
    const res = await h.request("/v1/webhook-endpoints", {
      method: "POST",
      key,
      json: { url: "https://hooks.example.com/x", events: ["note.completed"], ...patch },
    });
    expect(res.status).toBe(400);
    const body = await envelope(res);
    expect(body.error.code).toBe("validation_failed");
    const issue = body.error.details?.issues?.find((i) => i.field === field);
    expect(issue, JSON.stringify(body)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it("accepts http://127.0.0.1 and localhost only in DEVELOPMENT_MODE", async () => {
    const { h, register } = createWebhookHarness({ vars: { DEVELOPMENT_MODE: "true" } });
    const { key } = await h.seedTenant("Dev clinic");
    expect((await register(key, { url: "http://127.0.0.1:9000/hook" })).status).toBe(201);
    expect((await register(key, { url: "http://localhost:9000/hook" })).status).toBe(201);
    expect((await register(key, { url: "http://10.0.0.5/hook" })).status).toBe(400);
  });

  it("allows 5 endpoints per tenant and one per URL (409 with what to do)", async () => {
    const { h, register } = createWebhookHarness();
    const { key } = await h.seedTenant("Busy clinic");
    const first = await register(key, { url: `${RECEIVER_ORIGIN}/0` });
    const again = await register(key, { url: `${RECEIVER_ORIGIN}/0` });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain(first.body.id);
    for (let i = 1; i < 5; i++) expect((await register(key, { url: `${RECEIVER_ORIGIN}/${i}` })).status).toBe(201);
    const sixth = await register(key, { url: `${RECEIVER_ORIGIN}/5` });
    expect(sixth.status).toBe(409);
    expect(JSON.stringify(sixth.body)).toMatch(/5 webhook endpoints.*delete one/);
    const other = await h.seedTenant("Other clinic");
    expect((await register(other.key, { url: `${RECEIVER_ORIGIN}/0` })).status).toBe(201);
  });

  it("answers 409 when the deployment has no TENANT_WEBHOOK_KEY, 500 misconfigured (logged by binding name) when it is wrong or has no queue", async () => {
    const off = createHarness();
    const { key } = await off.seedTenant("No hooks");
    const res = await off.request("/v1/webhook-endpoints", { method: "POST", key, json: { url: "https://hooks.example.com/x", events: ["note.completed"] } });
    expect(res.status).toBe(409);
    expect((await envelope(res)).error.message).toMatch(/not set up/);
    // The queue alone (wrangler.jsonc always binds it) does not turn the feature on.
    const queueOnly = createWebhookHarness({ vars: { TENANT_WEBHOOK_KEY: "" } as Partial<Record<keyof Env, string>> });
    const k1 = await queueOnly.h.seedTenant("Queue only");
    expect((await queueOnly.register(k1.key)).status).toBe(409);
    const short = createWebhookHarness({ vars: { TENANT_WEBHOOK_KEY: "too-short" } as Partial<Record<keyof Env, string>> });
    const k3 = await short.h.seedTenant("Short key");
    expect((await short.register(k3.key)).status).toBe(500);
    expect(short.h.logs.some((l) => l.event === "config.invalid" && JSON.stringify(l).includes("TENANT_WEBHOOK_KEY") && !JSON.stringify(l).includes("too-short"))).toBe(true);
    const half = createHarness({ vars: { TENANT_WEBHOOK_KEY: "tenant-webhook-key-0123456789abcdef-test" } as Partial<Record<keyof Env, string>> });
    const k2 = await half.seedTenant("Half");
    const res2 = await half.request("/v1/webhook-endpoints", { method: "POST", key: k2.key, json: { url: "https://hooks.example.com/x", events: ["note.completed"] } });
    expect(res2.status).toBe(500);
    expect(JSON.stringify(await res2.json())).not.toMatch(/TENANT_WEBHOOK_KEY|WEBHOOK_DELIVERIES/);
  });

  it("requires an API key", async () => {
    const { h } = createWebhookHarness();
    expect((await h.request("/v1/webhook-endpoints")).status).toBe(401);
    expect((await h.request("/v1/webhook-endpoints", { method: "POST", json: {} })).status).toBe(401);
  });
});

describe("one endpoint: get, delete, rotate, ping, deliveries", () => {
  it("answers 404 for another tenant's endpoint on every route, and 400 for a malformed id", async () => {
    const { h, register } = createWebhookHarness();
    const owner = await h.seedTenant("Owner");
    const other = await h.seedTenant("Other");
    const { body } = await register(owner.key);
    for (const [method, path] of [
      ["GET", ""],
      ["DELETE", ""],
      ["POST", "/rotate-secret"],
      ["POST", "/ping"],
      ["GET", "/deliveries"],
    ] as const) {
      const res = await h.request(`/v1/webhook-endpoints/${body.id}${path}`, { method, key: other.key, ...(method === "POST" ? { json: {} } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await h.request(`/v1/webhook-endpoints/${body.id}`, { key: owner.key })).status).toBe(200);
    const bad = await h.request("/v1/webhook-endpoints/not-an-id", { key: owner.key });
    expect(bad.status).toBe(400);
    expect((await envelope(bad)).error.details?.issues?.[0]?.message).toMatch(/endpoint id/);
  });

  it("deletes an endpoint with its deliveries and audits it", async () => {
    const { h, register } = createWebhookHarness();
    const { key, tenantId } = await h.seedTenant("Deleter");
    const { body } = await register(key);
    await h.request(`/v1/webhook-endpoints/${body.id}/ping`, { method: "POST", key });
    expect((await h.request(`/v1/webhook-endpoints/${body.id}`, { method: "DELETE", key })).status).toBe(204);
    expect((await h.request(`/v1/webhook-endpoints/${body.id}`, { key })).status).toBe(404);
    expect((await h.request(`/v1/webhook-endpoints/${body.id}`, { method: "DELETE", key })).status).toBe(404);
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?1").bind(body.id).first<{ n: number }>();
    expect(n?.n).toBe(0);
    const audit = await h.request("/v1/audit", { key });
    const actions = ((await audit.json()) as { data: { action: string; endpoint_id?: string; note_id: string | null }[] }).data;
    expect(actions.map((a) => a.action)).toEqual(["webhook_endpoint.deleted", "webhook_endpoint.created"]);
    expect(actions[0]).toMatchObject({ endpoint_id: body.id, note_id: null });
    void tenantId;
  });

  it("rotates the secret: a new one shown once, the old one kept for the grace period (default 24 h)", async () => {
    const { h, register } = createWebhookHarness();
    const { key } = await h.seedTenant("Rotator");
    const { body } = await register(key);
    const res = await h.request(`/v1/webhook-endpoints/${body.id}/rotate-secret`, { method: "POST", key, json: {} });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as Endpoint;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(body.secret);
    expect(rotated.previous_secret_expires_at).toBe(new Date(h.now() + 24 * 3_600_000).toISOString());
    const bad = await h.request(`/v1/webhook-endpoints/${body.id}/rotate-secret`, { method: "POST", key, json: { grace_period_hours: 100 } });
    expect(bad.status).toBe(400);
    expect((await envelope(bad)).error.details?.issues?.[0]?.field).toBe("grace_period_hours");
    const now = await h.request(`/v1/webhook-endpoints/${body.id}/rotate-secret`, { method: "POST", key, json: { grace_period_hours: 0 } });
    expect(((await now.json()) as Endpoint).previous_secret_expires_at).toBeNull();
  });

  it("lists deliveries with status, attempts and next attempt; rejects a bad cursor", async () => {
    const { h, register } = createWebhookHarness();
    const { key } = await h.seedTenant("Lister");
    const { body } = await register(key);
    const ping = (await (await h.request(`/v1/webhook-endpoints/${body.id}/ping`, { method: "POST", key })).json()) as { delivery_id: string; event_id: string };
    const page = (await (await h.request(`/v1/webhook-endpoints/${body.id}/deliveries`, { key })).json()) as { data: Record<string, unknown>[]; next_cursor: string | null };
    expect(page.data).toEqual([
      expect.objectContaining({ id: ping.delivery_id, event_id: ping.event_id, event_type: "ping", status: "pending", attempts: 0, last_status_code: null }),
    ]);
    expect(page.next_cursor).toBeNull();
    expect((await h.request(`/v1/webhook-endpoints/${body.id}/deliveries?cursor=nope`, { key })).status).toBe(400);
  });

  it("is in the OpenAPI document", async () => {
    const { h } = createWebhookHarness();
    const doc = (await (await h.request("/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/v1/webhook-endpoints"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/v1/webhook-endpoints/{id}"] ?? {}).sort()).toEqual(["delete", "get", "patch"]);
    expect(doc.paths["/v1/webhook-endpoints/{id}/rotate-secret"]).toHaveProperty("post");
    expect(doc.paths["/v1/webhook-endpoints/{id}/deliveries"]).toHaveProperty("get");
  });
});
