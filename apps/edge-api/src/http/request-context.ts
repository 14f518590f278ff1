import { createMiddleware } from "hono/factory";
import type { AppEnv, ResolvedDeps } from "../app/app-types.js";

/** Response header carrying the request's correlation id. */
export const REQUEST_ID_HEADER = "X-Request-Id";

/**
 * Gives every request a fresh correlation id (never the caller's, which could collide or be forged):
 * in the `X-Request-Id` response header, in error bodies (`request_id`) and on every log record the
 * request writes, so that a caller's report finds the operator's log lines. Every response is also
 * `Cache-Control: no-store`: notes, their renderings, listings and errors can all carry PHI.
 */
export function requestContext(deps: ResolvedDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const requestId = crypto.randomUUID();
    c.set("requestId", requestId);
    c.set("deps", { ...deps, log: (record) => deps.log({ ...record, request_id: requestId }) });
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
    c.res.headers.set("Cache-Control", "no-store");
  });
}
