import type { ResolvedDeps } from "../app/app-types.js";
import { deliveriesRepo } from "./deliveries-repo.js";
import type { DeliveryMessage } from "./delivery-message.js";
import { endpointUrlProblem } from "./endpoint-url.js";
import { endpointsRepo, type EndpointRow } from "./endpoints-repo.js";
import { eventBody } from "./event-payload.js";
import { decideAfterAttempt, type AttemptOutcome } from "./retry-policy.js";
import { SIGNATURE_HEADER, signatureHeader } from "./signature.js";
import { encryptSecret, openSecret } from "./signing-secret.js";

/** How long one delivery attempt waits for the receiver's answer (headers), unless {@link DeliveryContext.timeoutMs} says otherwise. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** What the queue should do with the message. */
export type DeliveryOutcome = { kind: "ack" } | { kind: "retry"; delaySeconds: number };

/** What one delivery works with. */
export interface DeliveryContext {
  db: D1Database;
  deps: ResolvedDeps;
  /** Opens and seals the endpoints' signing secrets. */
  key: CryptoKey;
  /** `TENANT_WEBHOOK_KEY_PREVIOUS`'s key during a rotation: opens secrets not yet sealed again under {@link key}. */
  previousKey?: CryptoKey | undefined;
  /** `DEVELOPMENT_MODE`: http to localhost allowed (the same rule as at registration). */
  development: boolean;
  random: () => number;
  /**
   * How long one attempt waits for the receiver's answer; then it is recorded as `timeout` and retried.
   * @default DELIVERY_TIMEOUT_MS
   */
  timeoutMs?: number | undefined;
}

/**
 * One attempt of one delivery: lease it (a duplicate message, or one whose delivery is already
 * delivered or failed, is acked without a request), check the endpoint and its URL again, POST the
 * event signed with the endpoint's secret(s) — no redirects followed, {@link DELIVERY_TIMEOUT_MS} —
 * and record the outcome. The retry policy ({@link decideAfterAttempt}) chooses the queue's delay.
 * Logs hold ids and status codes only.
 */
export async function deliverWebhook(ctx: DeliveryContext, message: DeliveryMessage): Promise<DeliveryOutcome> {
  const repo = deliveriesRepo(ctx.db, ctx.deps.now);
  const leased = await repo.lease(message.deliveryId, message.tenantId);
  if (!leased) return { kind: "ack" };
  const { delivery, endpoint, event } = leased;
  const log = (level: "info" | "warn" | "error", name: string, fields: Record<string, unknown> = {}) =>
    ctx.deps.log({ level, event: name, delivery_id: delivery.id, endpoint_id: delivery.endpoint_id, tenant_id: delivery.tenant_id, ...fields });

  const stop = async (error: string) => {
    await repo.record(delivery.id, { statusCode: null, error, next: { status: "failed" } }, false);
    log("warn", "tenant_webhook.not_sent", { reason: error });
    return { kind: "ack" } as const;
  };
  if (!endpoint) return stop("endpoint_deleted");
  if (endpoint.status !== "enabled") return stop("endpoint_disabled");
  if (!event) return stop("event_missing");
  if (endpointUrlProblem(endpoint.url, ctx.development) !== undefined) return stop("url_refused");

  const secrets = await signingSecrets(ctx, endpoint);
  if (!secrets) {
    // Not the receiver's fault and not fixable by retrying soon: the operator changed TENANT_WEBHOOK_KEY
    // without setting TENANT_WEBHOOK_KEY_PREVIOUS to the old one (or removed it before this endpoint was sealed again).
    log("error", "tenant_webhook.secret_unreadable");
    return stop("secret_unreadable");
  }
  const body = eventBody(event, endpoint.id);
  const timestamp = Math.floor(ctx.deps.now() / 1000);
  const outcome = await post(ctx.deps.fetch, ctx.timeoutMs ?? DELIVERY_TIMEOUT_MS, endpoint.url, {
    "content-type": "application/json",
    "user-agent": "soap-notes-webhooks/1",
    "soap-event-id": event.id,
    "soap-event-type": event.type,
    "soap-delivery-id": delivery.id,
    [SIGNATURE_HEADER.toLowerCase()]: await signatureHeader(secrets, timestamp, body),
  }, body);

  const attempts = delivery.attempts + 1;
  const decision = decideAfterAttempt(outcome, { attempts, seriesStartedAt: delivery.started_at, now: ctx.deps.now(), random: ctx.random });
  const statusCode = "status" in outcome ? outcome.status : null;
  const error = "status" in outcome ? (decision.kind === "delivered" ? null : `http_${outcome.status}`) : outcome.error;
  log(decision.kind === "delivered" ? "info" : "warn", "tenant_webhook.attempt", { attempt: attempts, status: statusCode, error, decision: decision.kind });
  switch (decision.kind) {
    case "delivered":
      await repo.record(delivery.id, { statusCode, error: null, next: { status: "delivered" } });
      return { kind: "ack" };
    case "endpoint_gone":
      await repo.endpointGone(delivery, statusCode ?? 410);
      return { kind: "ack" };
    case "give_up":
      await repo.record(delivery.id, { statusCode, error, next: { status: "failed" } });
      return { kind: "ack" };
    case "retry":
      await repo.record(delivery.id, { statusCode, error, next: { status: "pending", at: ctx.deps.now() + decision.delaySeconds * 1000 } });
      return { kind: "retry", delaySeconds: decision.delaySeconds };
  }
}

/**
 * The secrets to sign with: the current one, and the previous one while its grace period lasts. Opened
 * with `TENANT_WEBHOOK_KEY`, else `TENANT_WEBHOOK_KEY_PREVIOUS`; a secret the previous key opened is
 * sealed again under the current one (once: a compare-and-swap on the sealed text, so a rotation at the
 * same moment wins), so the previous key can be retired.
 */
async function signingSecrets(ctx: DeliveryContext, endpoint: EndpointRow): Promise<string[] | undefined> {
  const bound = secretBinding(endpoint);
  const keys = { current: ctx.key, previous: ctx.previousKey };
  const current = await openSecret(keys, endpoint.secret_enc, bound);
  if (current === undefined) return undefined;
  const graceLasts = endpoint.previous_secret_enc !== null && (endpoint.previous_secret_expires_at ?? 0) > ctx.deps.now();
  const previous = graceLasts && endpoint.previous_secret_enc ? await openSecret(keys, endpoint.previous_secret_enc, bound) : undefined;
  if (current.underPrevious || previous?.underPrevious) {
    const resealed = await endpointsRepo(ctx.db, ctx.deps.now, endpoint.tenant_id).reseal(endpoint.id, {
      from: { secretEnc: endpoint.secret_enc, previousEnc: endpoint.previous_secret_enc },
      to: {
        secretEnc: current.underPrevious ? await encryptSecret(ctx.key, current.secret, bound) : endpoint.secret_enc,
        previousEnc: previous?.underPrevious ? await encryptSecret(ctx.key, previous.secret, bound) : endpoint.previous_secret_enc,
      },
    });
    ctx.deps.log({ level: "info", event: "tenant_webhook.secret_resealed", endpoint_id: endpoint.id, tenant_id: endpoint.tenant_id, resealed });
  }
  return previous === undefined ? [current.secret] : [current.secret, previous.secret];
}

/** The binding an endpoint's sealed secrets are encrypted for (the row's tenant and id). */
export function secretBinding(endpoint: Pick<EndpointRow, "tenant_id" | "id">): string {
  return `${endpoint.tenant_id}:${endpoint.id}`;
}

async function post(fetcher: typeof fetch, timeoutMs: number, url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race ends the attempt even when a fetch ignores its signal: a stuck receiver never holds the consumer.
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  try {
    // redirect: "manual": a 3xx is an answer (retried as a failure), never followed to another host.
    const res = await Promise.race([fetcher(url, { method: "POST", headers, body, redirect: "manual", signal: controller.signal }), timedOut]);
    if (res === "timeout") return { error: "timeout" };
    // The receiver's body is never read or logged.
    await res.body?.cancel();
    return { status: res.status };
  } catch {
    return { error: controller.signal.aborted ? "timeout" : "connect_failed" };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
