import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { completedNote, envelope } from "./support/flow.js";
import { createWebhookHarness, RECEIVER_ORIGIN } from "./support/tenant-webhooks.js";

type Endpoint = { id: string; url: string; description: string | null; events: string[]; status: string; disabled_reason: string | null };

async function auditOf(tenantId: string, endpointId: string) {
  const { results } = await env.DB.prepare("SELECT actor, action, detail FROM audit_events WHERE tenant_id = ?1 AND endpoint_id = ?2 ORDER BY id")
    .bind(tenantId, endpointId)
    .all<{ actor: string; action: string; detail: string | null }>();
  return results;
}

describe("PATCH /v1/webhook-endpoints/{id}", () => {
  it("pauses and resumes an endpoint: no events recorded while paused, the same secret after; audited", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Pausing clinic");
    const ep = await w.register(key);
    const patch = (json: unknown) => w.h.request(`/v1/webhook-endpoints/${ep.body.id}`, { method: "PATCH", key, json });

    const paused = await patch({ status: "disabled" });
    expect(paused.status).toBe(200);
    const pausedBody = (await paused.json()) as Endpoint;
    expect(pausedBody).toMatchObject({ id: ep.body.id, status: "disabled", disabled_reason: "paused" });
    expect(JSON.stringify(pausedBody)).not.toContain(ep.body.secret);
    await completedNote(w.h, key);
    expect(w.drainFor(tenantId)).toEqual([]);
    expect((await w.h.request(`/v1/webhook-endpoints/${ep.body.id}/ping`, { method: "POST", key })).status).toBe(409);

    const resumed = (await (await patch({ status: "enabled" })).json()) as Endpoint;
    expect(resumed).toMatchObject({ status: "enabled", disabled_reason: null });
    await completedNote(w.h, key);
    const [message] = w.drainFor(tenantId);
    expect(await w.deliverWebhook(message!)).toEqual({ kind: "ack" });
    expect(w.received).toHaveLength(1);
    expect(w.received[0]!.headers.get("soap-signature")).toMatch(/v1=[0-9a-f]{64}/);
    expect(await auditOf(tenantId, ep.body.id)).toEqual([
      { actor: "api_key", action: "webhook_endpoint.created", detail: null },
      { actor: "api_key", action: "webhook_endpoint.disabled", detail: "fields:status" },
      { actor: "api_key", action: "webhook_endpoint.enabled", detail: "fields:status" },
    ]);
  });

  it("re-enables an endpoint a 410 disabled; the deliveries that failed meanwhile stay failed (redeliver sends them)", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Gone then back");
    const ep = await w.register(key);
    await completedNote(w.h, key);
    const [first] = w.drainFor(tenantId);
    w.answers.push(410);
    await w.deliverWebhook(first!);
    const gone = (await (await w.h.request(`/v1/webhook-endpoints/${ep.body.id}`, { key })).json()) as Endpoint;
    expect(gone).toMatchObject({ status: "disabled", disabled_reason: "gone" });
    // Pausing what is already disabled keeps the reason.
    const still = (await (await w.h.request(`/v1/webhook-endpoints/${ep.body.id}`, { method: "PATCH", key, json: { status: "disabled" } })).json()) as Endpoint;
    expect(still.disabled_reason).toBe("gone");

    const res = await w.h.request(`/v1/webhook-endpoints/${ep.body.id}`, { method: "PATCH", key, json: { status: "enabled" } });
    expect(res.status).toBe(200);
    const rows = await env.DB.prepare("SELECT status, last_error FROM webhook_deliveries WHERE endpoint_id = ?1").bind(ep.body.id).all();
    expect(rows.results).toEqual([{ status: "failed", last_error: "endpoint_gone" }]);
    expect(w.drainFor(tenantId)).toEqual([]);
    const redeliver = await w.h.request(`/v1/webhook-endpoints/${ep.body.id}/deliveries/${first!.deliveryId}/redeliver`, { method: "POST", key });
    expect(redeliver.status).toBe(202);
    expect(await w.deliverWebhook(w.drainFor(tenantId)[0]!)).toEqual({ kind: "ack" });
    expect(w.received).toHaveLength(2);
  });

  it("changes events and description (null clears it); a note of an unsubscribed type then records nothing", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Editing clinic");
    const ep = await w.register(key, { description: "EHR sync" });
    const res = await w.h.request(`/v1/webhook-endpoints/${ep.body.id}`, { method: "PATCH", key, json: { events: ["note.failed"], description: null } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ events: ["note.failed"], description: null, status: "enabled", url: `${RECEIVER_ORIGIN}/hook` });
    await completedNote(w.h, key);
    expect(w.drainFor(tenantId)).toEqual([]);
    const audit = await auditOf(tenantId, ep.body.id);
    expect(audit[audit.length - 1]).toEqual({ actor: "api_key", action: "webhook_endpoint.updated", detail: "fields:events,description" });
  });

  it.each([
    [{}, /at least one of status, events, description/],
    [{ url: "https://hooks.example.com/other" }, /url/],
    [{ status: "paused" }, /./],
    [{ events: [] }, /at least one/],
    [{ events: ["note.failed", "note.failed"] }, /repeat/],
    [{ description: "x".repeat(201) }, /./],
  ])("refuses %j with 400", async (json, message) => {
    const w = createWebhookHarness();
    const { key } = await w.h.seedTenant("Bad patch");
    const ep = await w.register(key);
    const res = await w.h.request(`/v1/webhook-endpoints/${ep.body.id}`, { method: "PATCH", key, json });
    expect(res.status).toBe(400);
    const body = await envelope(res);
    expect(body.error.code).toBe("validation_failed");
    expect(JSON.stringify(body.error)).toMatch(message);
    const unchanged = (await (await w.h.request(`/v1/webhook-endpoints/${ep.body.id}`, { key })).json()) as Endpoint;
    expect(unchanged).toMatchObject({ status: "enabled", events: ["note.completed", "note.failed"] });
  });

  it("answers 404 for another tenant's endpoint and changes nothing", async () => {
    const w = createWebhookHarness();
    const owner = await w.h.seedTenant("Owner");
    const other = await w.h.seedTenant("Other");
    const ep = await w.register(owner.key);
    const res = await w.h.request(`/v1/webhook-endpoints/${ep.body.id}`, { method: "PATCH", key: other.key, json: { status: "disabled" } });
    expect(res.status).toBe(404);
    expect(((await (await w.h.request(`/v1/webhook-endpoints/${ep.body.id}`, { key: owner.key })).json()) as Endpoint).status).toBe("enabled");
    expect(await auditOf(other.tenantId, ep.body.id)).toEqual([]);
  });
});
