import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app/app-types.js";
import { requireApiKey } from "../auth/auth-middleware.js";
import { rateLimit } from "../auth/rate-limit.js";
import { HttpError } from "../http/errors.js";
import { newRouter } from "../http/router.js";
import { decodeCursor, encodeCursor } from "../notes/cursor.js";
import { deliveriesRepo, type DeliveryWithEvent } from "./deliveries-repo.js";
import { secretBinding } from "./deliver-webhook.js";
import { enqueueDeliveries } from "./dispatch-outbox.js";
import { endpointUrlProblem } from "./endpoint-url.js";
import { endpointsRepo, MAX_ENDPOINTS_PER_TENANT, newPrefixedId, type EndpointRow, type WebhookEventType } from "./endpoints-repo.js";
import {
  createEndpointRoute,
  deleteEndpointRoute,
  getEndpointRoute,
  listDeliveriesRoute,
  listEndpointsRoute,
  pingEndpointRoute,
  redeliverRoute,
  rotateSecretRoute,
  updateEndpointRoute,
} from "./endpoints-routes.js";
import { ROTATION_GRACE_HOURS } from "./endpoints-schemas.js";
import { encryptSecret, newSigningSecret, openSecret } from "./signing-secret.js";
import { isOn, tenantWebhooksConfig, type TenantWebhooksConfig } from "./webhooks-config.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toEndpoint(row: EndpointRow, now: number) {
  const inGrace = row.previous_secret_enc !== null && (row.previous_secret_expires_at ?? 0) > now;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as WebhookEventType[],
    status: row.status,
    disabled_reason: row.disabled_reason,
    previous_secret_expires_at: inGrace ? iso(row.previous_secret_expires_at) : null,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

function toDelivery(row: DeliveryWithEvent) {
  return {
    id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    note_id: row.note_id,
    status: row.status,
    attempts: row.attempts,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    next_attempt_at: row.status === "pending" ? iso(row.next_attempt_at) : null,
    delivered_at: iso(row.delivered_at),
    created_at: new Date(row.created_at).toISOString(),
  };
}

const endpointNotFound = () => new HttpError(404, "not_found", "No webhook endpoint with this id.");

/** The 409 of a ping or redelivery to an endpoint that is not enabled. */
const endpointDisabled = (row: EndpointRow) =>
  new HttpError(409, "conflict", `The endpoint is disabled (${row.disabled_reason ?? "disabled"}): resume it with PATCH /v1/webhook-endpoints/{id} {"status":"enabled"}.`);

/** The deployment's tenant webhook bindings, or the answer that says they are missing (409) or wrong (500, logged). */
async function webhooksOrThrow(c: Context<AppEnv>): Promise<TenantWebhooksConfig> {
  const found = await tenantWebhooksConfig(c.env);
  if (isOn(found)) return found;
  if (found.kind === "not_configured") {
    throw new HttpError(409, "conflict", "Completion webhooks are not set up on this deployment; ask its operator (or follow GET /v1/notes/finished).");
  }
  c.var.deps.log({ level: "error", event: "config.invalid", issues: [{ binding: found.binding, message: found.message }] });
  throw new HttpError(500, "misconfigured", "The deployment is misconfigured; the operator's logs have the details.");
}

/** `/v1/webhook-endpoints`: the tenant's completion webhooks (API key and per-key rate limit as for notes). */
export function webhookEndpointsRouter(): OpenAPIHono<AppEnv> {
  const router = newRouter();
  router.use("*", requireApiKey, rateLimit);

  router.openapi(createEndpointRoute, async (c) => {
    const body = c.req.valid("json");
    const { config, deps, auth } = c.var;
    const problem = endpointUrlProblem(body.url, config.development);
    if (problem !== undefined) {
      throw new HttpError(400, "validation_failed", `Invalid body: url ${problem}`, {
        details: { issues: [{ field: "url", location: "json", message: problem }] },
      });
    }
    const webhooks = await webhooksOrThrow(c);
    const id = newPrefixedId("we_");
    const secret = newSigningSecret();
    const secretEnc = await encryptSecret(webhooks.key, secret, secretBinding({ tenant_id: auth.tenantId, id }));
    const outcome = await endpointsRepo(config.db, deps.now, auth.tenantId).create(
      { id, url: body.url, description: body.description ?? null, events: body.events, secretEnc },
      auth.keyId,
    );
    if (outcome.kind === "duplicate") {
      throw new HttpError(409, "conflict", `An endpoint with this url is registered already (${outcome.id}); to get a new secret for it, rotate it.`, {
        details: { endpoint_id: outcome.id },
      });
    }
    if (outcome.kind === "limit") {
      throw new HttpError(409, "conflict", `This tenant has ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints, the most allowed: delete one first.`, {
        details: { cap: "webhook_endpoints_per_tenant", limit: MAX_ENDPOINTS_PER_TENANT },
      });
    }
    deps.log({ level: "info", event: "tenant_webhook.endpoint_created", endpoint_id: id, tenant_id: auth.tenantId });
    return c.json({ ...toEndpoint(outcome.row, deps.now()), secret }, 201, { Location: `/v1/webhook-endpoints/${id}` });
  });

  router.openapi(listEndpointsRoute, async (c) => {
    const { config, deps, auth } = c.var;
    const rows = await endpointsRepo(config.db, deps.now, auth.tenantId).list();
    return c.json({ data: rows.map((r) => toEndpoint(r, deps.now())) }, 200);
  });

  router.openapi(getEndpointRoute, async (c) => {
    const { config, deps, auth } = c.var;
    const row = await endpointsRepo(config.db, deps.now, auth.tenantId).get(c.req.valid("param").id);
    if (!row) throw endpointNotFound();
    return c.json(toEndpoint(row, deps.now()), 200);
  });

  router.openapi(updateEndpointRoute, async (c) => {
    const { config, deps, auth } = c.var;
    const { id } = c.req.valid("param");
    const updated = await endpointsRepo(config.db, deps.now, auth.tenantId).update(id, c.req.valid("json"), auth.keyId);
    if (!updated) throw endpointNotFound();
    deps.log({ level: "info", event: "tenant_webhook.endpoint_updated", endpoint_id: id, tenant_id: auth.tenantId, status: updated.status });
    return c.json(toEndpoint(updated, deps.now()), 200);
  });

  router.openapi(deleteEndpointRoute, async (c) => {
    const { config, deps, auth } = c.var;
    const { id } = c.req.valid("param");
    if (!(await endpointsRepo(config.db, deps.now, auth.tenantId).delete(id, auth.keyId))) throw endpointNotFound();
    deps.log({ level: "info", event: "tenant_webhook.endpoint_deleted", endpoint_id: id, tenant_id: auth.tenantId });
    return c.body(null, 204);
  });

  router.openapi(rotateSecretRoute, async (c) => {
    const { config, deps, auth } = c.var;
    const { id } = c.req.valid("param");
    const graceHours = c.req.valid("json")?.grace_period_hours ?? ROTATION_GRACE_HOURS.default;
    const repo = endpointsRepo(config.db, deps.now, auth.tenantId);
    const row = await repo.get(id);
    if (!row) throw endpointNotFound();
    const webhooks = await webhooksOrThrow(c);
    const binding = secretBinding(row);
    // Opened with the previous Worker key too (a TENANT_WEBHOOK_KEY rotation); both are sealed under the current one below.
    const current = (await openSecret({ current: webhooks.key, previous: webhooks.previousKey }, row.secret_enc, binding))?.secret;
    if (current === undefined) {
      deps.log({ level: "error", event: "tenant_webhook.secret_unreadable", endpoint_id: id, tenant_id: auth.tenantId });
    }
    const secret = newSigningSecret();
    const keepOld = graceHours > 0 && current !== undefined;
    const updated = await repo.rotate(
      id,
      await encryptSecret(webhooks.key, secret, binding),
      keepOld ? await encryptSecret(webhooks.key, current, binding) : null,
      keepOld ? deps.now() + Math.round(graceHours * 3_600_000) : null,
      auth.keyId,
    );
    if (!updated) throw endpointNotFound();
    deps.log({ level: "info", event: "tenant_webhook.secret_rotated", endpoint_id: id, tenant_id: auth.tenantId, grace_hours: keepOld ? graceHours : 0 });
    return c.json({ ...toEndpoint(updated, deps.now()), secret }, 200);
  });

  router.openapi(pingEndpointRoute, async (c) => {
    const { config, deps, auth } = c.var;
    const { id } = c.req.valid("param");
    const row = await endpointsRepo(config.db, deps.now, auth.tenantId).get(id);
    if (!row) throw endpointNotFound();
    if (row.status !== "enabled") throw endpointDisabled(row);
    const webhooks = await webhooksOrThrow(c);
    const repo = deliveriesRepo(config.db, deps.now);
    const ping = await repo.createPing(auth.tenantId, id);
    // A failed send leaves the row pending and unclaimed: the sweep sends its message.
    await enqueueDeliveries(webhooks.queue, repo, deps, [{ id: ping.deliveryId, tenant_id: auth.tenantId }]);
    return c.json({ event_id: ping.eventId, delivery_id: ping.deliveryId }, 202);
  });

  router.openapi(redeliverRoute, async (c) => {
    const { config, deps, auth } = c.var;
    const { id, delivery_id: deliveryId } = c.req.valid("param");
    const endpoint = await endpointsRepo(config.db, deps.now, auth.tenantId).get(id);
    if (!endpoint) throw endpointNotFound();
    if (endpoint.status !== "enabled") throw endpointDisabled(endpoint);
    const webhooks = await webhooksOrThrow(c);
    const repo = deliveriesRepo(config.db, deps.now);
    const row = await repo.redeliver(auth.tenantId, id, deliveryId);
    if (row === null) throw new HttpError(404, "not_found", "No delivery with this id for this endpoint.");
    if (row === "pending") throw new HttpError(409, "conflict", "The delivery is still being delivered (status pending): wait for it to be delivered or failed.");
    await enqueueDeliveries(webhooks.queue, repo, deps, [{ id: deliveryId, tenant_id: auth.tenantId }]);
    const current = await repo.getWithEvent(auth.tenantId, deliveryId);
    if (!current) throw new HttpError(404, "not_found", "No delivery with this id for this endpoint.");
    return c.json(toDelivery(current), 202);
  });

  router.openapi(listDeliveriesRoute, async (c) => {
    const { config, deps, auth } = c.var;
    const { id } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const before = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && before === undefined) {
      throw new HttpError(400, "validation_failed", "Invalid query: cursor", {
        details: { issues: [{ field: "cursor", location: "query", message: "not a cursor from a previous page (pass next_cursor as it is)" }] },
      });
    }
    if (!(await endpointsRepo(config.db, deps.now, auth.tenantId).get(id))) throw endpointNotFound();
    const rows = await deliveriesRepo(config.db, deps.now).listForEndpoint(auth.tenantId, id, limit + 1, before);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return c.json(
      { data: page.map(toDelivery), next_cursor: rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null },
      200,
    );
  });
  return router;
}
