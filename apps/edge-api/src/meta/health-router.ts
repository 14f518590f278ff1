import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app/app-types.js";
import { requireApiKey } from "../auth/auth-middleware.js";
import { errorResponses } from "../http/errors.js";
import { BEARER_SCHEME, newRouter } from "../http/router.js";

const livenessSchema = z.object({ status: z.literal("ok"), time: z.iso.datetime() }).openapi("Health");
const readinessSchema = z
  .object({ status: z.literal("ok"), database: z.literal("ok"), time: z.iso.datetime() })
  .openapi("Readiness");

/** `GET /v1/health` */
export const healthRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Meta"],
  summary: "Liveness: the Worker runs and its configuration is valid (no key needed, no database read)",
  responses: {
    200: { description: "Alive.", content: { "application/json": { schema: livenessSchema } } },
    ...errorResponses(429, 500),
  },
});

/** `GET /v1/health/ready` */
export const readinessRoute = createRoute({
  method: "get",
  path: "/ready",
  tags: ["Meta"],
  security: [{ [BEARER_SCHEME]: [] }],
  summary: "Readiness: the database answers (needs an API key)",
  middleware: [requireApiKey] as const,
  responses: {
    200: { description: "Ready.", content: { "application/json": { schema: readinessSchema } } },
    ...errorResponses(401, 429, 500),
  },
});

/**
 * `/v1/health`: liveness without a key touches no database (bindings are validated by the config
 * middleware), so that probing it costs nothing; readiness, with a key, does one D1 round trip
 * (after the key lookup, itself a D1 read).
 */
export function healthRouter(): OpenAPIHono<AppEnv> {
  const router = newRouter();
  router.openapi(healthRoute, (c) => c.json({ status: "ok" as const, time: new Date(c.var.deps.now()).toISOString() }, 200));
  router.openapi(readinessRoute, async (c) => {
    await c.var.config.db.prepare("SELECT 1").first();
    return c.json({ status: "ok" as const, database: "ok" as const, time: new Date(c.var.deps.now()).toISOString() }, 200);
  });
  return router;
}
