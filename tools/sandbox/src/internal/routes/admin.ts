import { Hono } from "hono";
import { z } from "zod";
import type { Engine } from "../engine.js";
import { faultSpecSchema } from "../faults.js";
import type { SandboxEnv } from "../middleware.js";
import { describeIssue } from "../transcript-params.js";

/**
 * Admin routes under /__sandbox (only when the `admin` option is on, as `serve()` does):
 * POST /faults (one spec or an array), GET /faults, DELETE /faults, GET /counters, POST /reset,
 * POST /tick, GET /webhooks (attempts, header values withheld).
 */
export function adminRoutes(engine: Engine): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post("/faults", async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return c.json({ error: "Invalid request body: expected a fault spec or an array of them" }, 400);
    }
    const parsed = z.union([faultSpecSchema, z.array(faultSpecSchema)]).safeParse(raw);
    if (!parsed.success) return c.json({ error: describeIssue(parsed.error) }, 400);
    const specs = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    return c.json({ ids: specs.map((s) => engine.faults.add(s)) });
  });
  app.get("/faults", (c) => c.json({ faults: engine.faults.list() }));
  app.delete("/faults", (c) => {
    engine.faults.clear();
    return c.json({ ok: true });
  });
  app.get("/counters", (c) => c.json(engine.counters.snapshot()));
  app.post("/reset", (c) => {
    engine.reset();
    return c.json({ ok: true });
  });
  app.post("/tick", async (c) => {
    await engine.tick();
    return c.json({ ok: true });
  });
  app.get("/webhooks", (c) =>
    c.json({
      attempts: engine.state.webhookAttempts.map((a) => ({ ...a, headers: Object.keys(a.headers) })),
    }),
  );
  return app;
}
