import { Hono } from "hono";
import type { AppEnv } from "../app/app-types.js";
import { errorResponse } from "../http/errors.js";
import { verifyAudioSignature } from "./audio-url.js";

/**
 * `GET /v1/audio/{upload}/{expires}/{signature}/{name}`: an uploaded recording, for AssemblyAI's fetcher.
 * No API key: the URL is the authority (an HMAC of the upload id and expiry under `WEBHOOK_SECRET`, or
 * `WEBHOOK_SECRET_PREVIOUS` during a rotation). Expired, forged, unknown or deleted: 404, the same answer
 * for each, so that the route says nothing about which uploads exist. Not in the OpenAPI document:
 * nobody calls it but AssemblyAI, with a URL this API made.
 */
export function audioRouter(): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get("/:upload/:expires/:signature/:name", async (c) => {
    const { upload, expires, signature } = c.req.param();
    const { config, deps } = c.var;
    const expiresAt = Number(expires);
    const gone = () => errorResponse(c, 404, "not_found", "No such audio (the link may have expired).");
    if (!Number.isSafeInteger(expiresAt) || expiresAt <= deps.now()) return gone();
    const secrets = [config.webhookSecret, config.webhookSecretPrevious].filter((s): s is string => typeof s === "string");
    let valid = false;
    for (const secret of secrets) if (!valid) valid = await verifyAudioSignature(secret, upload, expiresAt, signature);
    if (!valid) return gone();
    const row = await config.db
      .prepare(`SELECT object_key FROM uploads WHERE id = ?1 AND status = 'complete'`)
      .bind(upload)
      .first<{ object_key: string }>();
    const bucket = (c.env as Partial<Env>).AUDIO;
    const object = row && bucket ? await bucket.get(row.object_key) : null;
    if (!object) return gone();
    deps.log({ level: "info", event: "audio.served", upload_id: upload });
    const headers = new Headers({ "Content-Length": String(object.size) });
    object.writeHttpMetadata(headers);
    return new Response(object.body, { status: 200, headers });
  });
  return router;
}
