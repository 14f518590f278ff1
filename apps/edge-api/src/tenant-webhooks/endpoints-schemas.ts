import { z } from "@hono/zod-openapi";
import { MAX_ENDPOINT_URL_LENGTH } from "./endpoint-url.js";
import { WEBHOOK_EVENT_TYPES } from "./endpoints-repo.js";

/** Longest grace period of a secret rotation (72 h), and the default (24 h). */
export const ROTATION_GRACE_HOURS = { max: 72, default: 24 } as const;

/** Path parameter `{id}`: an endpoint id. */
export const endpointIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^we_[0-9a-f]{32}$/, "must be an endpoint id (we_ followed by 32 hex digits)")
    .openapi({ param: { name: "id", in: "path" }, example: "we_3f0c9b2e8d7a4c1b9e6f5a4d3c2b1a09" }),
});

/** Body of `POST /v1/webhook-endpoints` (unknown fields refused, e.g. a `secret` of one's own). */
export const createEndpointBodySchema = z
  .strictObject({
    url: z
      .string()
      .min(1)
      .max(MAX_ENDPOINT_URL_LENGTH)
      .openapi({ description: "Where to POST events: https, a public host name, no credentials.", example: "https://hooks.example.com/soap-notes" }),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1, "must name at least one event type")
      .max(WEBHOOK_EVENT_TYPES.length)
      .refine((events) => new Set(events).size === events.length, "must not repeat an event type")
      .openapi({ example: ["note.completed", "note.failed"] }),
    description: z.string().max(200).optional().openapi({ description: "Your label (no PHI), at most 200 characters." }),
  })
  .openapi("WebhookEndpointCreate");

/**
 * Body of `PATCH /v1/webhook-endpoints/{id}`: at least one field; unknown fields refused. The URL cannot
 * change (register a new endpoint: its receiver gets a secret of its own).
 */
export const updateEndpointBodySchema = z
  .strictObject({
    status: z
      .enum(["enabled", "disabled"])
      .optional()
      .openapi({ description: "`disabled` pauses deliveries (`disabled_reason: \"paused\"`); `enabled` resumes them, also after a 410. Events of the time in between are not sent." }),
    events: createEndpointBodySchema.shape.events.optional(),
    description: z.string().max(200).nullable().optional().openapi({ description: "Your label (no PHI), at most 200 characters; null clears it." }),
  })
  .refine((body) => Object.keys(body).length > 0, "must change at least one of status, events, description")
  .openapi("WebhookEndpointUpdate");

/** Body of `POST /v1/webhook-endpoints/{id}/rotate-secret` (optional). */
export const rotateBodySchema = z
  .strictObject({
    grace_period_hours: z
      .number()
      .min(0)
      .max(ROTATION_GRACE_HOURS.max)
      .optional()
      .openapi({
        description: `Hours the old secret still signs deliveries beside the new one (0–${ROTATION_GRACE_HOURS.max}; default ${ROTATION_GRACE_HOURS.default}). 0 drops it at once.`,
      }),
  })
  .openapi("WebhookSecretRotation");

/** An endpoint as the API shows it: never its secret. */
export const endpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    status: z.enum(["enabled", "disabled"]),
    disabled_reason: z.string().nullable().openapi({ description: "`gone`: the receiver answered 410; `paused`: disabled with PATCH. PATCH `status: \"enabled\"` resumes it." }),
    previous_secret_expires_at: z.iso
      .datetime()
      .nullable()
      .openapi({ description: "During a rotation: until when deliveries also carry the old secret's signature." }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .openapi("WebhookEndpoint");

/** Path parameters `{id}` and `{delivery_id}`. */
export const deliveryParamsSchema = endpointIdParamSchema.extend({
  delivery_id: z
    .string()
    .regex(/^whd_[0-9a-f]{32}$/, "must be a delivery id (whd_ followed by 32 hex digits)")
    .openapi({ param: { name: "delivery_id", in: "path" } }),
});

/** An endpoint with its signing secret: the answers of create and rotate only. */
export const endpointWithSecretSchema = endpointSchema
  .extend({
    secret: z.string().openapi({ description: "The signing secret (`whsec_…`). Shown only in this answer: store it now." }),
  })
  .openapi("WebhookEndpointWithSecret");

/** `GET /v1/webhook-endpoints`. */
export const endpointListSchema = z.object({ data: z.array(endpointSchema) }).openapi("WebhookEndpointList");

/** One delivery (an event to one endpoint) and where it stands. */
export const deliverySchema = z
  .object({
    id: z.string(),
    event_id: z.string().openapi({ description: "Stable across retries (the `Soap-Event-Id` header): dedupe on it." }),
    event_type: z.string(),
    note_id: z.string().nullable(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable().openapi({ description: "`http_<status>`, `timeout`, `connect_failed`, `endpoint_gone`, `endpoint_disabled`, …" }),
    next_attempt_at: z.iso.datetime().nullable(),
    delivered_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .openapi("WebhookDelivery");

/** One page of an endpoint's deliveries. */
export const deliveryListSchema = z
  .object({ data: z.array(deliverySchema), next_cursor: z.string().nullable() })
  .openapi("WebhookDeliveryList");

/** Query of the deliveries listing. */
export const deliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ param: { name: "limit", in: "query" } }),
  cursor: z.string().min(1).max(200).optional().openapi({ param: { name: "cursor", in: "query" } }),
});

/** Answer of `POST …/ping`. */
export const pingSchema = z.object({ event_id: z.string(), delivery_id: z.string() }).openapi("WebhookPing");
