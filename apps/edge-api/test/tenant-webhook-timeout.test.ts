import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { completedNote } from "./support/flow.js";
import { createWebhookHarness } from "./support/tenant-webhooks.js";

async function deliveryRow(endpointId: string) {
  return env.DB.prepare("SELECT status, attempts, last_status_code, last_error, next_attempt_at FROM webhook_deliveries WHERE endpoint_id = ?1")
    .bind(endpointId)
    .first<Record<string, unknown>>();
}

describe("tenant webhook delivery timeout", () => {
  it("a receiver that never answers: the attempt ends as `timeout` after the delivery timeout and is retried per policy", async () => {
    const w = createWebhookHarness({ webhookDeliveryTimeoutMs: 25 });
    const { key, tenantId } = await w.h.seedTenant("Silent receiver");
    const ep = await w.register(key);
    await completedNote(w.h, key);
    const [message] = w.drainFor(tenantId);
    const signals: AbortSignal[] = [];
    // Never settles, not even on abort: the consumer must not depend on the fetch honouring its signal.
    const silent = async (request: Request) => {
      signals.push(request.signal);
      return new Promise<Response>(() => undefined);
    };
    w.answers.push(silent, silent);

    expect(await w.deliverWebhook(message!, 1)).toEqual({ kind: "retry", delaySeconds: 60 });
    expect(await deliveryRow(ep.body.id)).toMatchObject({ status: "pending", attempts: 1, last_status_code: null, last_error: "timeout", next_attempt_at: w.h.now() + 60_000 });
    expect(signals[0]?.aborted).toBe(true);
    w.h.advance(60_000);
    expect(await w.deliverWebhook(message!, 2)).toEqual({ kind: "retry", delaySeconds: 240 });
    expect(await deliveryRow(ep.body.id)).toMatchObject({ attempts: 2, last_error: "timeout" });
    // The receiver is back: the next attempt delivers.
    w.h.advance(240_000);
    expect(await w.deliverWebhook(message!, 3)).toEqual({ kind: "ack" });
    expect(await deliveryRow(ep.body.id)).toMatchObject({ status: "delivered", attempts: 3, last_status_code: 200, last_error: null });
    expect(w.received).toHaveLength(3);
    const logged = w.h.logs.filter((r) => r.event === "tenant_webhook.attempt" && r["endpoint_id"] === ep.body.id).map((r) => r["error"]);
    expect(logged).toEqual(["timeout", "timeout", null]);
  });
});
