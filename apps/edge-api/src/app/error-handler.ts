import { HTTPException } from "hono/http-exception";
import type { Context } from "hono";
import { AbortError, ApiError, ConnectionError, ResponseValidationError, SoapNotesError, StructuredAnswerError, TimeoutError } from "@org/soap-core";
import type { AppEnv, ResolvedDeps } from "./app-types.js";
import { BindingsError } from "../config/app-config.js";
import { errorResponse, HttpError, requestIdOf } from "../http/errors.js";

/**
 * `app.onError`: every error becomes the one envelope, with the request's correlation id. Callers get
 * generic messages for what is not theirs to fix (a misconfigured deployment, an upstream failure, a
 * bug); the details (binding names and problems, upstream statuses and request ids) go to the log
 * under the same request id, never with PHI.
 */
export function toErrorResponse(error: Error, c: Context<AppEnv>, fallback: ResolvedDeps): Response {
  const deps = c.get("deps") ?? fallback;
  const reference = `Quote request id ${requestIdOf(c) ?? "(none)"} to the operator.`;
  if (error instanceof HttpError) return errorResponse(c, error.status, error.code, error.message, error.details, error.headers);
  if (error instanceof BindingsError) {
    deps.log({ level: "error", event: "config.invalid", path: c.req.path, issues: error.issues.map((i) => `${i.binding}: ${i.message}`) });
    return errorResponse(c, 500, "misconfigured", `The service is misconfigured and cannot answer. ${reference}`);
  }
  if (error instanceof HTTPException) {
    // Hono's own (e.g. a body that is not JSON): keep the status, use the envelope.
    const status = error.status;
    // 415: zod-openapi's media-type gate (a body that is not declared application/json).
    if (status === 415) return errorResponse(c, 415, "unsupported_media_type", "Unsupported Media Type: send the body as JSON with `Content-Type: application/json`.");
    const code = status === 400 ? "validation_failed" : status === 413 ? "payload_too_large" : status === 401 ? "unauthorized" : "internal_error";
    return errorResponse(c, status, code, status >= 500 ? `Internal error. ${reference}` : error.message);
  }
  if (error instanceof SoapNotesError) {
    const category = upstreamCategory(error);
    deps.log({
      level: "error",
      event: "upstream.failed",
      path: c.req.routePath,
      error: error.name,
      category,
      ...(error instanceof ApiError ? { upstream_status: error.status, upstream_request_id: error.requestId } : {}),
    });
    return errorResponse(c, 502, "upstream_error", `AssemblyAI request failed (${category}); try again later. ${reference}`);
  }
  deps.log({ level: "error", event: "unhandled", path: c.req.routePath, error: error.name });
  return errorResponse(c, 500, "internal_error", `Internal error. ${reference}`);
}

/** What kind of upstream failure it was, in words safe to show (no upstream message, no request id). */
export function upstreamCategory(error: SoapNotesError): string {
  if (error instanceof ApiError) return `HTTP ${error.status}`;
  if (error instanceof ConnectionError) return "could not connect";
  if (error instanceof TimeoutError) return "timed out";
  if (error instanceof AbortError) return "aborted";
  if (error instanceof ResponseValidationError) {
    return error.issues.some((i) => i.message === "not JSON") ? "the answer was not JSON" : "the answer did not match the expected schema";
  }
  // The model's answer broke the note schema even after the repair retry (a class name says nothing to a caller).
  if (error instanceof StructuredAnswerError) return "the model's answer did not match the note schema";
  return error.name;
}
