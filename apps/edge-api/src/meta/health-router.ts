import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app/app-types.js";
import { errorResponses } from "../http/errors.js";
import { newRouter } from "../http/router.js";

const healthSchema = z
  .object({ status: z.literal("ok"), database: z.literal("ok"), time: z.iso.datetime() })
  .openapi("Health");

/** `GET /v1/health` */
export const healthRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Meta"],
  summary: "Liveness: configuration valid and database reachable (no key needed)",
  responses: {
    200: { description: "Healthy.", content: { "application/json": { schema: healthSchema } } },
    ...errorResponses(500),
  },
});

/** `/v1/health`: bindings validated (by the config middleware) and one D1 round trip. */
export function healthRouter(): OpenAPIHono<AppEnv> {
  const router = newRouter();
  router.openapi(healthRoute, async (c) => {
    await c.var.config.db.prepare("SELECT 1").first();
    return c.json({ status: "ok" as const, database: "ok" as const, time: new Date(c.var.deps.now()).toISOString() }, 200);
  });
  return router;
}
