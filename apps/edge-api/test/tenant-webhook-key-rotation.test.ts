import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifySignatureHeader } from "../src/index.js";
import { createWebhookHarness, TENANT_WEBHOOK_KEY } from "./support/tenant-webhooks.js";

const NEW_KEY = "tenant-webhook-key-NEW-0123456789abcdef-rotated";
type Vars = Partial<Record<keyof Env, string>>;

async function sealed(endpointId: string) {
  return env.DB.prepare("SELECT secret_enc, previous_secret_enc FROM webhook_endpoints WHERE id = ?1").bind(endpointId).first<{ secret_enc: string; previous_secret_enc: string | null }>();
}

describe("rotating TENANT_WEBHOOK_KEY with TENANT_WEBHOOK_KEY_PREVIOUS", () => {
  it("a secret sealed under the old key still signs after the key changed, is sealed again under the new one, and then needs no PREVIOUS", async () => {
    const before = createWebhookHarness();
    const { key, tenantId } = await before.h.seedTenant("Key rotation");
    const ep = await before.register(key);
    const sealedOld = await sealed(ep.body.id);

    const during = createWebhookHarness({ vars: { TENANT_WEBHOOK_KEY: NEW_KEY, TENANT_WEBHOOK_KEY_PREVIOUS: TENANT_WEBHOOK_KEY } as Vars });
    expect((await during.h.request(`/v1/webhook-endpoints/${ep.body.id}/ping`, { method: "POST", key })).status).toBe(202);
    const [message] = during.drainFor(tenantId);
    expect(await during.deliverWebhook(message!)).toEqual({ kind: "ack" });
    const got = during.received[0]!;
    const t = Math.floor(during.h.now() / 1000);
    expect(await verifySignatureHeader(got.headers.get("soap-signature")!, got.body, ep.body.secret, { nowSeconds: t })).toBe("ok");
    const sealedNew = await sealed(ep.body.id);
    expect(sealedNew?.secret_enc).not.toBe(sealedOld?.secret_enc);
    expect(during.h.logs.some((l) => l.event === "tenant_webhook.secret_resealed" && l["endpoint_id"] === ep.body.id && l["resealed"] === true)).toBe(true);
    expect(JSON.stringify(during.h.logs)).not.toContain(ep.body.secret);

    // PREVIOUS removed: the secret sealed again under the new key still signs.
    const after = createWebhookHarness({ vars: { TENANT_WEBHOOK_KEY: NEW_KEY } as Vars });
    await after.h.request(`/v1/webhook-endpoints/${ep.body.id}/ping`, { method: "POST", key });
    expect(await after.deliverWebhook(after.drainFor(tenantId)[0]!)).toEqual({ kind: "ack" });
    const again = after.received[0]!;
    expect(await verifySignatureHeader(again.headers.get("soap-signature")!, again.body, ep.body.secret, { nowSeconds: t })).toBe("ok");
  });

  it("without PREVIOUS a secret sealed under the old key is unreadable: the delivery fails as secret_unreadable, nothing is sent", async () => {
    const before = createWebhookHarness();
    const { key, tenantId } = await before.h.seedTenant("Key changed, no previous");
    const ep = await before.register(key);
    const after = createWebhookHarness({ vars: { TENANT_WEBHOOK_KEY: NEW_KEY } as Vars });
    await after.h.request(`/v1/webhook-endpoints/${ep.body.id}/ping`, { method: "POST", key });
    const [message] = after.drainFor(tenantId);
    expect(await after.deliverWebhook(message!)).toEqual({ kind: "ack" });
    expect(after.received).toEqual([]);
    const row = await env.DB.prepare("SELECT status, last_error FROM webhook_deliveries WHERE id = ?1").bind(message!.deliveryId).first();
    expect(row).toEqual({ status: "failed", last_error: "secret_unreadable" });
    expect(after.h.logs.some((l) => l.event === "tenant_webhook.secret_unreadable")).toBe(true);
  });

  it("rotate-secret during the key rotation keeps the old signing secret for the grace period, both sealed under the new key", async () => {
    const before = createWebhookHarness();
    const { key, tenantId } = await before.h.seedTenant("Both rotations");
    const ep = await before.register(key);
    const during = createWebhookHarness({ vars: { TENANT_WEBHOOK_KEY: NEW_KEY, TENANT_WEBHOOK_KEY_PREVIOUS: TENANT_WEBHOOK_KEY } as Vars });
    const rotated = (await (await during.h.request(`/v1/webhook-endpoints/${ep.body.id}/rotate-secret`, { method: "POST", key, json: {} })).json()) as { secret: string; previous_secret_expires_at: string | null };
    expect(rotated.previous_secret_expires_at).not.toBeNull();
    // No PREVIOUS any more: both secrets were sealed under the new key.
    const after = createWebhookHarness({ vars: { TENANT_WEBHOOK_KEY: NEW_KEY } as Vars });
    await after.h.request(`/v1/webhook-endpoints/${ep.body.id}/ping`, { method: "POST", key });
    await after.deliverWebhook(after.drainFor(tenantId)[0]!);
    const got = after.received[0]!;
    const header = got.headers.get("soap-signature")!;
    const t = Math.floor(after.h.now() / 1000);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(await verifySignatureHeader(header, got.body, ep.body.secret, { nowSeconds: t })).toBe("ok");
    expect(await verifySignatureHeader(header, got.body, rotated.secret, { nowSeconds: t })).toBe("ok");
  });

  it("refuses a TENANT_WEBHOOK_KEY_PREVIOUS shorter than 32 characters (500 misconfigured, logged by binding name)", async () => {
    const w = createWebhookHarness({ vars: { TENANT_WEBHOOK_KEY_PREVIOUS: "short-old-key" } as Vars });
    const { key } = await w.h.seedTenant("Short previous");
    expect((await w.register(key)).status).toBe(500);
    expect(w.h.logs.some((l) => l.event === "config.invalid" && JSON.stringify(l).includes("TENANT_WEBHOOK_KEY_PREVIOUS") && !JSON.stringify(l).includes("short-old-key"))).toBe(true);
  });
});
