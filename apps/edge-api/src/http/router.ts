import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app/app-types.js";
import { validationHook } from "./validation-hook.js";

/**
 * A router for one resource. Every router gets the same validation hook (zod-openapi does not pass
 * `defaultHook` down through `app.route()`), so every 400 has the same envelope.
 */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** Name of the bearer security scheme in the OpenAPI document. */
export const BEARER_SCHEME = "bearerAuth";

/** Name of the webhook secret security scheme in the OpenAPI document. */
export const WEBHOOK_SCHEME = "webhookSecret";

/** Header AssemblyAI echoes back on every webhook delivery (`webhook_auth_header_name`). */
export const WEBHOOK_SECRET_HEADER = "X-Soap-Notes-Webhook-Secret";
