import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app/app-types.js";
import { errorEnvelopeSchema } from "../http/errors.js";

/** A fixed headline per status: what a clinician who clicked a link sees first. */
const HEADLINES: Record<number, string> = {
  403: "This review link does not work",
  404: "This note is not here",
  409: "This note is not ready",
  413: "The form was too large",
  415: "The form could not be read",
  429: "Too many requests",
};

/** The error page's policy: nothing loads, nothing runs, nothing posts, nothing frames it. */
export const ERROR_PAGE_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Whether the request is a browser's page load or form post (it asks for HTML before JSON). */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(",").map((part) => part.split(";")[0]?.trim().toLowerCase());
  const html = types.indexOf("text/html");
  const json = types.indexOf("application/json");
  return html !== -1 && (json === -1 || html < json);
}

/**
 * The error page for `/review/...`: the envelope's status, message and request id as a small HTML page
 * (no script, no style, no links), under the same no-store, no-referrer and noindex rules as the review
 * page. The message is the API's own sentence (never the request's input), escaped all the same.
 */
export function reviewErrorHtml(status: number, message: string, requestId: string | undefined): string {
  const headline = HEADLINES[status] ?? (status >= 500 ? "Something went wrong" : "This request was refused");
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(headline)}: soap-notes review</title></head>`,
    `<body><main><h1>${escapeHtml(headline)}</h1><p>${escapeHtml(message)}</p>`,
    `<p>HTTP ${status}${requestId ? `. Request id: <code>${escapeHtml(requestId)}</code>` : ""}</p></main></body></html>`,
  ].join("");
}

/**
 * Review routes are opened by people in browsers: when a request there fails and asks for HTML, the API's
 * JSON error envelope (already built by `app.onError`, status and headers such as `Retry-After` kept)
 * is answered as an HTML page instead. API clients that ask for JSON, or nothing, get the envelope.
 */
export const htmlErrorsForBrowsers = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.error || !prefersHtml(c.req.header("accept"))) return;
  const res = c.res;
  const parsed = errorEnvelopeSchema.safeParse(await res.clone().json().catch(() => null));
  if (!parsed.success) return;
  const headers = new Headers(res.headers);
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.delete("Content-Length");
  headers.set("Content-Security-Policy", ERROR_PAGE_CSP);
  headers.set("Cache-Control", "no-store");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("X-Robots-Tag", "noindex, nofollow");
  c.res = new Response(reviewErrorHtml(res.status, parsed.data.error.message, parsed.data.error.request_id ?? undefined), { status: res.status, headers });
});
