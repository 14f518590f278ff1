import type { Context } from "hono";
import type { Engine } from "../engine.js";
import { gatewayError } from "../http-errors.js";
import type { SandboxEnv } from "../middleware.js";
import { modelsForRegion, unknownModelError } from "../models.js";

/** GET /v1/models: the catalogue's models of the region this sandbox emulates. */
export function modelsHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => c.json({ object: "list", data: modelsForRegion(engine.options.models, engine.options.region) });
}

/**
 * The 404 for a `model` the emulated region does not serve (unknown, or served in another region
 * only), or null when the region serves it.
 */
export function refuseModel(engine: Engine, c: Context<SandboxEnv>, model: string): Response | null {
  const { models, region } = engine.options;
  if (modelsForRegion(models, region).some((m) => m.id === model)) return null;
  const { message, metadata } = unknownModelError(model, region, models);
  return gatewayError(c, 404, message, metadata);
}
