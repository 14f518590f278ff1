import type { Context } from "hono";
import type { Engine } from "../engine.js";
import { gatewayError } from "../http-errors.js";
import type { SandboxEnv } from "../middleware.js";
import { modelsForRegion, unknownModelError, type GatewayModelInfo } from "../models.js";

/** GET /v1/models: the catalogue's models of the region this sandbox emulates. */
export function modelsHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => c.json({ object: "list", data: modelsForRegion(engine.options.models, engine.options.region) });
}

/**
 * The region's catalogue entry for `model`, or the 404 for a model the emulated region does not serve
 * (unknown, or served in another region only).
 */
export function modelOrRefusal(engine: Engine, c: Context<SandboxEnv>, model: string): GatewayModelInfo | Response {
  const { models, region } = engine.options;
  const served = modelsForRegion(models, region).find((m) => m.id === model);
  if (served) return served;
  const { message, metadata } = unknownModelError(model, region, models);
  return gatewayError(c, 404, message, metadata);
}

/** The 404 for a `model` the emulated region does not serve, or null when the region serves it. */
export function refuseModel(engine: Engine, c: Context<SandboxEnv>, model: string): Response | null {
  const served = modelOrRefusal(engine, c, model);
  return served instanceof Response ? served : null;
}
