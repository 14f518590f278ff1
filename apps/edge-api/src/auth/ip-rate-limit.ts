import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app/app-types.js";
import { HttpError } from "../http/errors.js";

/** The binding's period (wrangler.jsonc `ratelimits[].simple.period`), for `Retry-After`. */
export const IP_RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * The key a client is counted under: its `CF-Connecting-IP` (set by Cloudflare, not forgeable through
 * it), an IPv6 address by its /64 (one host usually holds a whole /64). No header (local tests): one
 * shared bucket.
 */
export function clientKey(header: string | undefined): string {
  const ip = header?.trim().toLowerCase();
  if (!ip) return "ip:unknown";
  if (!ip.includes(":")) return `ip:${ip}`;
  // IPv4-mapped IPv6 (::ffff:192.0.2.1) is that IPv4 host.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return `ip:${mapped[1] ?? ""}`;
  const [head = "", tail = ""] = ip.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === "" ? [] : tail.split(":");
  const groups = ip.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `ip6:${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * Counts every request against Cloudflare's Rate Limiting binding `IP_RATE_LIMITER`, keyed by client
 * IP, before anything reads D1 (the API key lookup is a D1 read): a flood of unauthenticated or
 * guessed-key requests costs one binding call each and then a 429, never a query.
 */
export const ipRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const { success } = await c.var.config.ipRateLimiter.limit({ key: clientKey(c.req.header("cf-connecting-ip")) });
  if (!success) {
    throw new HttpError(429, "rate_limited", `Too many requests from this address: retry in ${IP_RATE_LIMIT_PERIOD_SECONDS} seconds.`, {
      headers: { "Retry-After": String(IP_RATE_LIMIT_PERIOD_SECONDS) },
      details: { cap: "requests_per_ip_per_minute", retry_after_seconds: IP_RATE_LIMIT_PERIOD_SECONDS },
    });
  }
  await next();
});
