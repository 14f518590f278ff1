import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.js";
import { BEARER_SCHEME } from "../http/router.js";
import {
  createEndpointBodySchema,
  deliveriesQuerySchema,
  deliveryListSchema,
  deliveryParamsSchema,
  deliverySchema,
  endpointIdParamSchema,
  endpointListSchema,
  endpointSchema,
  endpointWithSecretSchema,
  pingSchema,
  rotateBodySchema,
  updateEndpointBodySchema,
} from "./endpoints-schemas.js";

const common = { tags: ["Webhook endpoints"], security: [{ [BEARER_SCHEME]: [] }] };
const json = <S>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });

/** `POST /v1/webhook-endpoints` */
export const createEndpointRoute = createRoute({
  ...common,
  method: "post",
  path: "/",
  summary: "Register a completion webhook",
  description:
    "Events (`note.completed`, `note.failed`) are POSTed to `url`, signed with the returned secret (`Soap-Signature`), retried with " +
    "backoff for up to about 42 hours. The secret is shown in this answer only. At most 5 endpoints per tenant; one per URL.",
  request: { body: { required: true, content: { "application/json": { schema: createEndpointBodySchema } } } },
  responses: {
    201: json(endpointWithSecretSchema, "The endpoint, with its signing secret (shown once)."),
    ...errorResponses(400, 401, 409, 415, 429, 500),
  },
});

/** `GET /v1/webhook-endpoints` */
export const listEndpointsRoute = createRoute({
  ...common,
  method: "get",
  path: "/",
  summary: "This tenant's webhook endpoints (never their secrets)",
  responses: { 200: json(endpointListSchema, "Every endpoint, oldest first."), ...errorResponses(401, 429, 500) },
});

/** `GET /v1/webhook-endpoints/{id}` */
export const getEndpointRoute = createRoute({
  ...common,
  method: "get",
  path: "/{id}",
  summary: "One webhook endpoint (never its secret)",
  request: { params: endpointIdParamSchema },
  responses: { 200: json(endpointSchema, "The endpoint."), ...errorResponses(400, 401, 404, 429, 500) },
});

/** `PATCH /v1/webhook-endpoints/{id}` */
export const updateEndpointRoute = createRoute({
  ...common,
  method: "patch",
  path: "/{id}",
  summary: "Pause or resume a webhook endpoint, or change its events or description",
  description:
    "`status: \"disabled\"` pauses it (no events recorded for it, its pending deliveries fail as `endpoint_disabled`); " +
    "`status: \"enabled\"` resumes it, also after a 410 disabled it, with the same secret. Deliveries that failed meanwhile " +
    "are not resent by resuming: use `…/deliveries/{delivery_id}/redeliver`. The URL cannot change: register a new endpoint.",
  request: { params: endpointIdParamSchema, body: { required: true, content: { "application/json": { schema: updateEndpointBodySchema } } } },
  responses: { 200: json(endpointSchema, "The endpoint as it is now."), ...errorResponses(400, 401, 404, 415, 429, 500) },
});

/** `DELETE /v1/webhook-endpoints/{id}` */
export const deleteEndpointRoute = createRoute({
  ...common,
  method: "delete",
  path: "/{id}",
  summary: "Delete a webhook endpoint and its deliveries (pending ones are not sent)",
  request: { params: endpointIdParamSchema },
  responses: { 204: { description: "Deleted." }, ...errorResponses(400, 401, 404, 429, 500) },
});

/** `POST /v1/webhook-endpoints/{id}/rotate-secret` */
export const rotateSecretRoute = createRoute({
  ...common,
  method: "post",
  path: "/{id}/rotate-secret",
  summary: "Replace the signing secret (the old one keeps signing during a grace period)",
  description:
    "Returns the new secret (shown once). Until `previous_secret_expires_at`, every delivery carries two `v1` signatures: " +
    "the new secret's and the old one's, so receivers can switch at any moment within the grace period.",
  request: { params: endpointIdParamSchema, body: { required: false, content: { "application/json": { schema: rotateBodySchema } } } },
  responses: { 200: json(endpointWithSecretSchema, "The endpoint with its new secret."), ...errorResponses(400, 401, 404, 409, 415, 429, 500) },
});

/** `POST /v1/webhook-endpoints/{id}/ping` */
export const pingEndpointRoute = createRoute({
  ...common,
  method: "post",
  path: "/{id}/ping",
  summary: "Send a signed `ping` event to the endpoint (to test a receiver)",
  request: { params: endpointIdParamSchema },
  responses: { 202: json(pingSchema, "Queued; follow it in the deliveries."), ...errorResponses(400, 401, 404, 409, 429, 500) },
});

/** `GET /v1/webhook-endpoints/{id}/deliveries` */
export const listDeliveriesRoute = createRoute({
  ...common,
  method: "get",
  path: "/{id}/deliveries",
  summary: "The endpoint's deliveries, newest first: status, attempts, last response code, next attempt",
  request: { params: endpointIdParamSchema, query: deliveriesQuerySchema },
  responses: { 200: json(deliveryListSchema, "One page."), ...errorResponses(400, 401, 404, 429, 500) },
});

/** `POST /v1/webhook-endpoints/{id}/deliveries/{delivery_id}/redeliver` */
export const redeliverRoute = createRoute({
  ...common,
  method: "post",
  path: "/{id}/deliveries/{delivery_id}/redeliver",
  summary: "Send a delivered or failed delivery again (same event id), with a fresh series of retries",
  request: { params: deliveryParamsSchema },
  responses: {
    202: json(deliverySchema, "Queued again."),
    ...errorResponses(400, 401, 404, 409, 429, 500),
  },
});
