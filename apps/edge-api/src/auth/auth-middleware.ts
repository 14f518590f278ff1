import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app/app-types.js";
import { keysRepo } from "./keys-repo.js";
import { HttpError } from "../http/errors.js";
import { sha256Hex } from "./crypto.js";

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/**
 * Requires `Authorization: Bearer <key>`. The key is hashed (SHA-256) and looked up by its hash, so
 * the database never holds a usable key. Missing, malformed, unknown and revoked keys all get the same
 * 401 envelope.
 */
export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  const match = header ? BEARER.exec(header) : null;
  const token = match?.[1];
  if (!token) throw unauthorized("Missing API key: send `Authorization: Bearer <key>`.");
  const found = await keysRepo(c.var.config.db).findByHash(await sha256Hex(token));
  if (!found) throw unauthorized("Invalid API key.");
  c.set("auth", found);
  await next();
});

function unauthorized(message: string): HttpError {
  return new HttpError(401, "unauthorized", message, { headers: { "WWW-Authenticate": 'Bearer realm="soap-notes"' } });
}
