import type { ResolvedDeps } from "../app/app-types.js";
import { parseAppConfig } from "../config/app-config.js";
import { deliverWebhook } from "./deliver-webhook.js";
import { deliveryMessageSchema } from "./delivery-message.js";
import { dispatchOutbox } from "./dispatch-outbox.js";
import { webhookRetryDelaySeconds } from "./retry-policy.js";
import { isOn, tenantWebhooksConfig } from "./webhooks-config.js";

/**
 * The `queue` handler of the tenant webhook deliveries queue: one {@link deliverWebhook} per message,
 * acked or retried with the delay the retry policy chose. An infrastructure failure (D1) retries the
 * message without spending one of the delivery's attempts (the lease expires first).
 */
export async function handleDeliveryBatch(
  batch: MessageBatch<unknown>,
  env: Env,
  deps: ResolvedDeps,
  random: () => number,
  options: { timeoutMs?: number | undefined } = {},
): Promise<void> {
  let config;
  let webhooks;
  try {
    config = parseAppConfig(env as unknown as Record<string, unknown>);
    webhooks = await tenantWebhooksConfig(env);
  } catch (error) {
    deps.log({ level: "error", event: "queue.misconfigured", queue: batch.queue, message: error instanceof Error ? error.message : "invalid bindings" });
    batch.retryAll({ delaySeconds: 300 });
    return;
  }
  if (!isOn(webhooks)) {
    deps.log({ level: "error", event: "queue.misconfigured", queue: batch.queue, message: "kind" in webhooks && webhooks.kind === "misconfigured" ? `${webhooks.binding}: ${webhooks.message}` : "tenant webhooks are not configured" });
    batch.retryAll({ delaySeconds: 300 });
    return;
  }
  const ctx = { db: config.db, deps, key: webhooks.key, previousKey: webhooks.previousKey, development: config.development, random, timeoutMs: options.timeoutMs };
  for (const message of batch.messages) {
    const parsed = deliveryMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      deps.log({ level: "error", event: "queue.bad_message", queue: batch.queue, message_id: message.id });
      message.ack();
      continue;
    }
    try {
      const outcome = await deliverWebhook(ctx, parsed.data);
      if (outcome.kind === "ack") message.ack();
      else message.retry({ delaySeconds: outcome.delaySeconds });
    } catch (error) {
      deps.log({ level: "error", event: "tenant_webhook.delivery_failed", message_id: message.id, error: error instanceof Error ? error.name : "Error" });
      message.retry({ delaySeconds: Math.max(90, webhookRetryDelaySeconds(message.attempts, random)) });
    }
  }
}

/**
 * Sends the queue messages of deliveries the jobs trigger just wrote (after a note-jobs batch, and in
 * the cron sweep with `sweep: true`, which also re-sends lost messages). A deployment without tenant
 * webhooks does nothing; never throws (the note's own work is done by then).
 */
export async function dispatchTenantWebhooks(env: Env, db: D1Database, deps: ResolvedDeps, o: { sweep?: boolean } = {}): Promise<void> {
  try {
    const webhooks = await tenantWebhooksConfig(env);
    if (!isOn(webhooks)) return;
    const result = await dispatchOutbox(db, webhooks.queue, deps, o.sweep ? { rounds: 10, resendLost: true, expire: true } : {});
    if (o.sweep && (result.sent > 0 || result.resent > 0 || result.failed > 0 || result.expired > 0)) {
      deps.log({ level: "info", event: "sweep.tenant_webhooks", sent: result.sent, resent: result.resent, failed: result.failed, expired: result.expired });
    }
  } catch (error) {
    deps.log({ level: "error", event: "tenant_webhook.dispatch_failed", error: error instanceof Error ? error.name : "Error" });
  }
}
