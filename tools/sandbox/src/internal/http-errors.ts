import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Which error envelope a route answers with. */
export type ApiFamily = "v2" | "gateway";

/** `{"error": "<message>"}` of the v2 API (openapi.yml `Error`). */
export function v2Error(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ error: message }, status);
}

/** `{"error": {"code", "message", "metadata"?}}` of the gateway (llm-gateway.yml `ErrorResponse`). */
export function gatewayError(c: Context, status: ContentfulStatusCode, message: string, metadata?: Record<string, unknown>): Response {
  return c.json({ error: { code: status, message, ...(metadata ? { metadata } : {}) } }, status);
}

export function familyError(family: ApiFamily, c: Context, status: ContentfulStatusCode, message: string): Response {
  return family === "v2" ? v2Error(c, status, message) : gatewayError(c, status, message);
}

export const AUTH_ERROR = "Authentication error, API token missing/invalid";

const STATUS_TEXT: Record<number, string> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * The answer of a `status` fault. v2 429/500 carry the spec's JSON bodies; 502/503/504 have no body in
 * the spec and come from a proxy in reality, so they answer a small HTML page (clients must cope).
 * The gateway answers its JSON envelope for all.
 */
export function faultResponse(family: ApiFamily, status: 429 | 500 | 502 | 503 | 504, retryAfterSeconds: number): Response {
  const text = STATUS_TEXT[status] ?? "Error";
  const headers = new Headers();
  if (status === 429) headers.set("retry-after", String(retryAfterSeconds));
  if (family === "gateway") {
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify({ error: { code: status, message: text } }), { status, headers });
  }
  if (status === 429 || status === 500) {
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify({ error: text }), { status, headers });
  }
  headers.set("content-type", "text/html");
  return new Response(`<html><body><h1>${status} ${text}</h1></body></html>`, { status, headers });
}
