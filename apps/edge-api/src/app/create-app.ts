import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { SoapNotesError } from "@org/soap-core";
import { resolveDeps, type AppDeps, type AppEnv, type ResolvedDeps } from "./app-types.js";
import { BindingsError, parseAppConfig, type AppConfig } from "../config/app-config.js";
import { errorResponse, HttpError } from "../http/errors.js";
import { BEARER_SCHEME, newRouter, WEBHOOK_SCHEME, WEBHOOK_SECRET_HEADER } from "../http/router.js";
import { renderDocsPage } from "../meta/docs-page.js";
import { healthRouter } from "../meta/health-router.js";
import { notesRouter } from "../notes/notes-router.js";
import { webhooksRouter } from "../webhooks/webhooks-router.js";

/** Largest request body accepted (64 KiB); larger bodies get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

const OPENAPI_PATH = "/v1/openapi.json";
const DOCS_PATH = "/v1/docs";

const API_INFO = {
  title: "soap-notes API",
  version: "1.0.0",
  description:
    "Turn a recorded doctor–patient visit into a SOAP note. POST an audio URL, then fetch the note when it is ready. " +
    "All data is scoped to the tenant of the API key.",
};

/**
 * Builds the Hono app of the edge API. Everything from outside (outbound fetch, clock, ids, log) comes
 * from `deps`, so that tests can point it at the sandbox.
 *
 * @example
 * ```ts
 * const app = createApp({ fetch: sandbox.app.fetch });
 * const res = await app.request("/v1/health", {}, env);
 * ```
 */
export function createApp(deps: AppDeps = {}): OpenAPIHono<AppEnv> {
  const resolved = resolveDeps(deps);
  const configFor = configCache(resolved);
  const app = newRouter();

  app.use("*", async (c, next) => {
    c.set("deps", resolved);
    if (c.req.path !== OPENAPI_PATH && c.req.path !== DOCS_PATH) c.set("config", configFor(c.env));
    await next();
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => errorResponse(c, 413, "payload_too_large", `Request body is larger than ${MAX_BODY_BYTES} bytes.`, { limit: MAX_BODY_BYTES }),
    }),
  );

  app.route("/v1/health", healthRouter());
  app.route("/v1/notes", notesRouter());
  app.route("/v1/webhooks", webhooksRouter());

  app.openAPIRegistry.registerComponent("securitySchemes", BEARER_SCHEME, {
    type: "http",
    scheme: "bearer",
    description: "An API key of your tenant (`scripts/create-key.mjs`).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", WEBHOOK_SCHEME, {
    type: "apiKey",
    in: "header",
    name: WEBHOOK_SECRET_HEADER,
    description: "The deployment's WEBHOOK_SECRET, echoed by AssemblyAI.",
  });
  const documentConfig = { openapi: "3.1.0", info: API_INFO };
  app.doc31(OPENAPI_PATH, documentConfig);
  app.get(DOCS_PATH, (c) => c.html(renderDocsPage(app.getOpenAPI31Document(documentConfig))));

  app.notFound((c) => errorResponse(c, 404, "not_found", `No route for ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => toErrorResponse(error, c, resolved));
  return app;
}

function configCache(deps: ResolvedDeps): (env: Env) => AppConfig {
  // Per app instance, keyed by the bindings object: bindings are validated once, not per request.
  const cache = new WeakMap<object, AppConfig | BindingsError>();
  return (env) => {
    let entry = cache.get(env);
    if (entry === undefined) {
      try {
        entry = parseAppConfig(env as unknown as Record<string, unknown>);
      } catch (error) {
        if (!(error instanceof BindingsError)) throw error;
        entry = error;
        deps.log({ level: "error", event: "config.invalid", message: error.message });
      }
      cache.set(env, entry);
    }
    if (entry instanceof BindingsError) throw entry;
    return entry;
  };
}

function toErrorResponse(error: Error, c: Context<AppEnv>, deps: ResolvedDeps): Response {
  if (error instanceof HttpError) return errorResponse(c, error.status, error.code, error.message, error.details, error.headers);
  if (error instanceof BindingsError) {
    return errorResponse(c, 500, "misconfigured", error.message, { issues: error.issues });
  }
  if (error instanceof HTTPException) {
    // Hono's own (e.g. a body that is not JSON): keep the status, use the envelope.
    const status = error.status;
    // 415: zod-openapi's media-type gate (a body that is not declared application/json).
    if (status === 415) return errorResponse(c, 415, "unsupported_media_type", "Unsupported Media Type: send the body as JSON with `Content-Type: application/json`.");
    const code = status === 400 ? "validation_failed" : status === 413 ? "payload_too_large" : status === 401 ? "unauthorized" : "internal_error";
    return errorResponse(c, status, code, status >= 500 ? "Internal error." : error.message);
  }
  if (error instanceof SoapNotesError) {
    deps.log({ level: "error", event: "upstream.failed", path: c.req.routePath, error: error.name });
    return errorResponse(c, 502, "upstream_error", `AssemblyAI request failed: ${error.message}`, { error: error.name });
  }
  deps.log({ level: "error", event: "unhandled", path: c.req.routePath, error: error.name });
  return errorResponse(c, 500, "internal_error", "Internal error.");
}
