import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app/app-types.js";
import { requireApiKey } from "../auth/auth-middleware.js";
import { rateLimit } from "../auth/rate-limit.js";
import { HttpError } from "../http/errors.js";
import { newRouter } from "../http/router.js";
import { completeUploadRoute, createUploadRoute, getUploadRoute, putUploadPartRoute } from "./uploads-routes.js";
import { expectedPartBytes, partCount, safeFileName, UPLOAD_PART_BYTES, UPLOAD_TTL_MS } from "./upload-limits.js";
import { tenantUploads, uploadObjectKey, type UploadPart, type UploadRow } from "./uploads-repo.js";

/** The R2 bucket of uploaded audio; a deployment without it answers 500 `misconfigured` (and logs why). */
export function audioBucket(c: Context<AppEnv>): R2Bucket {
  const bucket = (c.env as Partial<Env>).AUDIO;
  if (bucket === undefined) {
    c.var.deps.log({ level: "error", event: "config.invalid", issues: ["AUDIO: R2 bucket binding missing (wrangler.jsonc r2_buckets)"] });
    throw new HttpError(500, "misconfigured", "Uploads are not configured on this deployment.");
  }
  return bucket;
}

function describe(row: UploadRow, parts: readonly UploadPart[]) {
  return {
    id: row.id,
    status: row.status === "complete" ? ("complete" as const) : ("uploading" as const),
    size: row.size,
    part_size: UPLOAD_PART_BYTES,
    parts: partCount(row.size),
    received_parts: parts.map((p) => p.part_number),
    expires_at: new Date(row.created_at + UPLOAD_TTL_MS).toISOString(),
  };
}

function notFound(): HttpError {
  return new HttpError(404, "not_found", "No upload with this id (it may have expired: uploads are kept 24 hours).");
}

/**
 * `/v1/uploads`: local audio into R2 with multipart uploads, under the tenant's own key prefix. Every
 * route needs an API key and counts against its rate limit. Parts are raw bytes of an exact size (every
 * part `part_size` bytes, the last the rest), so that a Worker never holds more than one part.
 */
export function uploadsRouter(): OpenAPIHono<AppEnv> {
  const router = newRouter();
  router.use("*", requireApiKey, rateLimit);
  const repo = (c: Context<AppEnv>) => tenantUploads(c.var.config.db, c.var.auth.tenantId, c.var.deps.now);

  router.openapi(createUploadRoute, async (c) => {
    const body = c.req.valid("json");
    const bucket = audioBucket(c);
    const id = `upl_${c.var.deps.newId()}`;
    const key = uploadObjectKey(c.var.auth.tenantId, id);
    const contentType = body.content_type ?? "application/octet-stream";
    const multipart = await bucket.createMultipartUpload(key, { httpMetadata: { contentType } });
    await repo(c).insert({ id, object_key: key, r2_upload_id: multipart.uploadId, size: body.size, content_type: contentType, file_name: safeFileName(body.file_name) });
    const row = await repo(c).get(id);
    if (!row) throw new Error("upload row vanished after insert");
    c.var.deps.log({ level: "info", event: "upload.created", upload_id: id, tenant_id: c.var.auth.tenantId, size: body.size });
    return c.json(describe(row, []), 201, { Location: `/v1/uploads/${id}` });
  });

  router.openapi(getUploadRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await repo(c).get(id);
    if (!row) throw notFound();
    return c.json(describe(row, row.status === "complete" ? [] : await repo(c).parts(id)), 200);
  });

  router.openapi(putUploadPartRoute, async (c) => {
    const { id, part } = c.req.valid("param");
    const row = await repo(c).get(id);
    if (!row) throw notFound();
    if (row.status === "complete") throw new HttpError(409, "conflict", "This upload is complete; its parts cannot change.");
    const expected = expectedPartBytes(row.size, part);
    if (expected === undefined) {
      throw new HttpError(400, "validation_failed", `Invalid path: part ${part} does not exist (this upload has ${partCount(row.size)} parts).`, {
        details: { issues: [{ field: "part", location: "path", message: `must be 1 to ${partCount(row.size)}` }] },
      });
    }
    const declared = Number(c.req.header("content-length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > expected) throw partSizeError(part, expected, declared);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength !== expected) throw partSizeError(part, expected, bytes.byteLength);
    const uploaded = await audioBucket(c).resumeMultipartUpload(row.object_key, row.r2_upload_id).uploadPart(part, bytes);
    await repo(c).putPart(id, { part_number: part, etag: uploaded.etag, size: bytes.byteLength });
    return c.json({ part, size: bytes.byteLength }, 200);
  });

  router.openapi(completeUploadRoute, async (c) => {
    const { id } = c.req.valid("param");
    const uploads = repo(c);
    const row = await uploads.get(id);
    if (!row) throw notFound();
    if (row.status === "complete") return c.json(describe(row, []), 200);
    const parts = await uploads.parts(id);
    const missing: number[] = [];
    for (let n = 1; n <= partCount(row.size); n++) if (!parts.some((p) => p.part_number === n)) missing.push(n);
    if (missing.length > 0) {
      throw new HttpError(409, "conflict", `The upload is missing parts ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? "…" : ""}: PUT them, then complete it.`, {
        details: { missing_parts: missing.slice(0, 1000) },
      });
    }
    await audioBucket(c)
      .resumeMultipartUpload(row.object_key, row.r2_upload_id)
      .complete(parts.map((p) => ({ partNumber: p.part_number, etag: p.etag })));
    await uploads.markComplete(id);
    const done = await uploads.get(id);
    if (!done) throw notFound();
    c.var.deps.log({ level: "info", event: "upload.completed", upload_id: id, tenant_id: c.var.auth.tenantId });
    return c.json(describe(done, []), 200);
  });

  return router;
}

function partSizeError(part: number, expected: number, got: number): HttpError {
  if (got > expected) return new HttpError(413, "payload_too_large", `Part ${part} must be exactly ${expected} bytes; ${got} were sent.`, { details: { limit: expected } });
  return new HttpError(400, "validation_failed", `Invalid body: part ${part} must be exactly ${expected} bytes; ${got} were sent.`, {
    details: { issues: [{ field: "body", location: "body", message: `must be exactly ${expected} bytes` }] },
  });
}
