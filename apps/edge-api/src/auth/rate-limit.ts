import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app/app-types.js";
import { keysRepo } from "./keys-repo.js";
import { HttpError } from "../http/errors.js";

/** Length of one rate-limit window. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** Start of the fixed window `now` falls in, and the whole seconds until the next one (at least 1). */
export function rateWindow(now: number, windowMs = RATE_LIMIT_WINDOW_MS): { start: number; retryAfterSeconds: number } {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
}

/**
 * Per-key fixed-window limit (`RATE_LIMIT_PER_MINUTE`, default 120), counted in D1. Over the limit:
 * 429 with `Retry-After` (seconds to the next window). Every answer carries `RateLimit-Limit` and
 * `RateLimit-Remaining`. Runs after {@link requireApiKey}.
 */
export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const { rateLimitPerMinute: limit, db } = c.var.config;
  const { start, retryAfterSeconds } = rateWindow(c.var.deps.now());
  const count = await keysRepo(db).countRequest(c.var.auth.keyId, start);
  const headers = { "RateLimit-Limit": String(limit), "RateLimit-Remaining": String(Math.max(0, limit - count)) };
  if (count > limit) {
    throw new HttpError(429, "rate_limited", `Rate limit of ${limit} requests per minute exceeded for this API key.`, {
      headers: { ...headers, "Retry-After": String(retryAfterSeconds) },
      details: { cap: "requests_per_key_per_minute", limit, retry_after_seconds: retryAfterSeconds },
    });
  }
  await next();
  for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
});

/**
 * The stricter limit of creating routes (`POST /v1/notes`, section regenerations): at most
 * `TENANT_CREATES_PER_MINUTE` per tenant per fixed minute, whatever key sends them, counted in D1.
 * Called by those handlers once the request validated (a malformed request creates nothing and is
 * bounded by the per-key limit).
 * @throws {HttpError} 429 `rate_limited` with `Retry-After`.
 */
export async function countCreate(c: Context<AppEnv>): Promise<void> {
  const { limits, db } = c.var.config;
  const limit = limits.createsPerMinute;
  const { start, retryAfterSeconds } = rateWindow(c.var.deps.now());
  const count = await keysRepo(db).countRequest(`tenant:${c.var.auth.tenantId}:creates`, start);
  if (count > limit) {
    throw new HttpError(
      429,
      "rate_limited",
      `Rate limit of ${limit} creating requests (new notes and section regenerations) per minute exceeded for this tenant ` +
        `(all of its API keys count together); retry in ${retryAfterSeconds} seconds.`,
      {
        headers: { "Retry-After": String(retryAfterSeconds) },
        details: { cap: "creates_per_tenant_per_minute", limit, retry_after_seconds: retryAfterSeconds },
      },
    );
  }
}
