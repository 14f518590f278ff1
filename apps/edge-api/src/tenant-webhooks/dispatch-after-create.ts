import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app/app-types.js";
import { dispatchTenantWebhooks } from "./delivery-queue-handler.js";

/**
 * On `POST /v1/notes`: a create AssemblyAI rejected, or whose outcome is unknown, fails its job in the
 * request itself (502), and the jobs trigger writes its `note.failed` deliveries. This sends their queue
 * messages after the answer (`waitUntil`), instead of waiting for the next cron sweep.
 */
export const dispatchAfterFailedCreate = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method !== "POST" || c.res.status < 500) return;
  const config = c.get("config") as AppEnv["Variables"]["config"] | undefined;
  if (!config) return;
  let ctx: ExecutionContext | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    // No execution context (app.request in a script): the cron sweep sends them.
    return;
  }
  ctx.waitUntil(dispatchTenantWebhooks(c.env, config.db, c.var.deps));
});
