import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app/app-types.js";
import { dispatchTenantWebhooks } from "./delivery-queue-handler.js";

/**
 * On `POST /v1/notes`: a create AssemblyAI rejected (502), or that was never sent (invalid parameters,
 * 500), fails its job for good in the request itself, and the jobs trigger writes its `note.failed`
 * deliveries. This sends their queue messages after the answer (`waitUntil`), instead of waiting for
 * the next cron sweep. (A create whose outcome is unknown writes no event: it is not the note's end,
 * migrations/0009.)
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
