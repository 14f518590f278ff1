import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app/app-types.js";
import { HttpError } from "../http/errors.js";
import { WEBHOOK_SECRET_HEADER } from "../http/router.js";
import { constantTimeEqual } from "../auth/crypto.js";

/**
 * Requires the per-deployment secret AssemblyAI echoes in {@link WEBHOOK_SECRET_HEADER}, compared in
 * constant time. Runs before the body is parsed, so an unauthenticated caller learns nothing about it.
 */
export const requireWebhookSecret = createMiddleware<AppEnv>(async (c, next) => {
  const given = c.req.header(WEBHOOK_SECRET_HEADER) ?? "";
  // Compare even when the header is missing, so that both cases take the same time.
  const ok = await constantTimeEqual(given, c.var.config.webhookSecret);
  if (!ok || given === "") {
    c.var.deps.log({ level: "warn", event: "webhook.unauthorized", has_header: given !== "" });
    throw new HttpError(401, "unauthorized", "Missing or invalid webhook secret.");
  }
  await next();
});
