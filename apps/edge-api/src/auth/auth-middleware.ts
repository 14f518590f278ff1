import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app/app-types.js";
import { keysRepo } from "./keys-repo.js";
import { HttpError } from "../http/errors.js";
import { sha256Hex } from "./crypto.js";

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** Every key scripts/create-key.mjs makes starts with this; anything else is refused without a lookup. */
export const API_KEY_PREFIX = "soap_sk_";
const MAX_KEY_LENGTH = 200;

/**
 * Requires `Authorization: Bearer <key>`. The key is hashed (SHA-256) and looked up by its hash, so
 * the database never holds a usable key; a token that cannot be one of ours (wrong prefix, too long)
 * is refused without a D1 read. Missing, malformed, unknown, revoked and expired keys all get the
 * same 401 envelope.
 */
export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  const match = header ? BEARER.exec(header) : null;
  const token = match?.[1];
  if (!token) throw unauthorized("Missing API key: send `Authorization: Bearer <key>`.");
  if (!token.startsWith(API_KEY_PREFIX) || token.length > MAX_KEY_LENGTH) throw unauthorized("Invalid API key.");
  const found = await keysRepo(c.var.config.db).findByHash(await sha256Hex(token), c.var.deps.now());
  if (!found) throw unauthorized("Invalid API key.");
  if (found.allowlistUnreadable) {
    c.var.deps.log({ level: "error", event: "tenant.allowlist_unreadable", tenant_id: found.tenantId });
  }
  c.set("auth", { keyId: found.keyId, tenantId: found.tenantId, audioUrlHosts: found.audioUrlHosts });
  await next();
});

function unauthorized(message: string): HttpError {
  return new HttpError(401, "unauthorized", message, { headers: { "WWW-Authenticate": 'Bearer realm="soap-notes"' } });
}
