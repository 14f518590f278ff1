import { bodyLimit } from "hono/body-limit";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { resolveDeps, type AppDeps, type AppEnv } from "./app-types.js";
import { toErrorResponse } from "./error-handler.js";
import { ipRateLimit } from "../auth/ip-rate-limit.js";
import { BindingsError, parseAppConfig, type AppConfig } from "../config/app-config.js";
import { errorResponse } from "../http/errors.js";
import { requestContext } from "../http/request-context.js";
import { BEARER_SCHEME, newRouter, WEBHOOK_SCHEME, WEBHOOK_SECRET_HEADER } from "../http/router.js";
import { securityHeaders } from "../http/security-headers.js";
import { docsPageCsp, renderDocsPage } from "../meta/docs-page.js";
import { healthRouter } from "../meta/health-router.js";
import { notesRouter } from "../notes/notes-router.js";
import { webhooksRouter } from "../webhooks/webhooks-router.js";
import { auditRouter } from "../audit/audit-router.js";
import { reviewLinkRouter } from "../review/review-link-route.js";
import { reviewPageRouter } from "../review/review-page-router.js";
import { audioRouter } from "../uploads/audio-router.js";
import { UPLOAD_PART_BYTES } from "../uploads/upload-limits.js";
import { uploadsRouter } from "../uploads/uploads-router.js";
import { webhookEndpointsRouter } from "../tenant-webhooks/endpoints-router.js";
import { dispatchAfterFailedCreate } from "../tenant-webhooks/dispatch-after-create.js";

/** Largest request body accepted (64 KiB); larger bodies get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

const OPENAPI_PATH = "/v1/openapi.json";
const DOCS_PATH = "/v1/docs";
const WEBHOOKS_PREFIX = "/v1/webhooks/";
const AUDIO_PREFIX = "/v1/audio/";
/** `PUT /v1/uploads/{id}/parts/{n}`: raw audio up to one part, checked exactly by its route. */
const UPLOAD_PART_PATH = /^\/v1\/uploads\/[^/]+\/parts\/[^/]+$/;

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
  const configFor = configCache();
  const app = newRouter();
  const isStatic = (path: string) => path === OPENAPI_PATH || path === DOCS_PATH;

  // Outermost: the correlation id and `Cache-Control: no-store`, then the security headers, so that
  // every answer (errors and 404s included) carries them.
  app.use("*", requestContext(resolved));
  app.use("*", securityHeaders());
  app.use("*", async (c, next) => {
    if (!isStatic(c.req.path)) c.set("config", configFor(c.env));
    await next();
  });
  // Per client IP, before any D1 read (the key lookup is one). Webhooks are not counted: AssemblyAI sends
  // them in bursts from few addresses and takes a 429 as final; their secret is checked without D1.
  app.use("*", async (c, next) => {
    // Signed audio URLs are fetched by AssemblyAI (few addresses, bursts), like webhooks; their HMAC is checked without D1.
    if (isStatic(c.req.path) || c.req.path.startsWith(WEBHOOKS_PREFIX) || c.req.path.startsWith(AUDIO_PREFIX)) return next();
    return ipRateLimit(c, next);
  });
  const jsonLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => errorResponse(c, 413, "payload_too_large", `Request body is larger than ${MAX_BODY_BYTES} bytes.`, { limit: MAX_BODY_BYTES }),
  });
  const partLimit = bodyLimit({
    maxSize: UPLOAD_PART_BYTES,
    onError: (c) => errorResponse(c, 413, "payload_too_large", `An upload part is at most ${UPLOAD_PART_BYTES} bytes.`, { limit: UPLOAD_PART_BYTES }),
  });
  app.use("*", (c, next) => (c.req.method === "PUT" && UPLOAD_PART_PATH.test(c.req.path) ? partLimit(c, next) : jsonLimit(c, next)));

  app.route("/v1/health", healthRouter());
  app.use("/v1/notes", dispatchAfterFailedCreate);
  app.route("/v1/notes", notesRouter());
  app.route("/v1/webhooks", webhooksRouter());
  app.route("/v1/audit", auditRouter());
  app.route("/v1/notes", reviewLinkRouter());
  app.route("/review", reviewPageRouter());
  app.route("/v1/uploads", uploadsRouter());
  app.route("/v1/audio", audioRouter());
  app.route("/v1/webhook-endpoints", webhookEndpointsRouter());

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
  app.get(DOCS_PATH, async (c) =>
    c.html(renderDocsPage(app.getOpenAPI31Document(documentConfig)), 200, { "Content-Security-Policy": await docsPageCsp() }),
  );

  app.notFound((c) => errorResponse(c, 404, "not_found", `No route for ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => toErrorResponse(error, c, resolved));
  return app;
}

function configCache(): (env: Env) => AppConfig {
  // Per app instance, keyed by the bindings object: bindings are validated once, not per request. A bad
  // set is logged by the error handler on every request it fails, with that request's id.
  const cache = new WeakMap<object, AppConfig | BindingsError>();
  return (env) => {
    let entry = cache.get(env);
    if (entry === undefined) {
      try {
        entry = parseAppConfig(env as unknown as Record<string, unknown>);
      } catch (error) {
        if (!(error instanceof BindingsError)) throw error;
        entry = error;
      }
      cache.set(env, entry);
    }
    if (entry instanceof BindingsError) throw entry;
    return entry;
  };
}

