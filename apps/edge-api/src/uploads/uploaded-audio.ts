import type { Context } from "hono";
import type { AppEnv } from "../app/app-types.js";
import { HttpError } from "../http/errors.js";
import type { IdempotencyKey } from "../idempotency/idempotency-key.js";
import { idempotencyStore } from "../idempotency/idempotency-store.js";
import { signedAudioUrl } from "./audio-url.js";
import { AUDIO_URL_TTL_MS, UPLOAD_TTL_MS } from "./upload-limits.js";
import { tenantUploads } from "./uploads-repo.js";

/** An upload resolved for `POST /v1/notes`: the URL AssemblyAI fetches, and how to link the note to it. */
export interface UploadedAudio {
  url: string;
  link(jobId: string): Promise<void>;
}

/** Never fetched: the URL of a create that can only be a replay (its upload is gone, its key answered already). */
const REPLAY_ONLY_URL = "https://invalid.invalid/replay-only";

/**
 * The signed GET URL of a completed upload of the caller's tenant, valid until the upload's own deletion
 * (never longer than {@link AUDIO_URL_TTL_MS}). A retry whose `Idempotency-Key` already has a live first
 * use is let through even when the upload is gone by now (its audio was deleted once AssemblyAI had it):
 * the create replays the first answer and sends nothing.
 * @throws {HttpError} 400 when the upload is unknown, another tenant's, expired, or not complete yet.
 */
export async function uploadedAudioUrl(c: Context<AppEnv>, uploadId: string, idempotency?: IdempotencyKey): Promise<UploadedAudio> {
  try {
    return await signedUrlOf(c, uploadId);
  } catch (error) {
    if (!(error instanceof HttpError) || idempotency === undefined) throw error;
    const prior = await idempotencyStore(c.var.config.db, c.var.auth.tenantId).find(idempotency.keyHash);
    if (prior === null || prior.expires_at <= c.var.deps.now()) throw error;
    return { url: REPLAY_ONLY_URL, link: async () => undefined };
  }
}

async function signedUrlOf(c: Context<AppEnv>, uploadId: string): Promise<UploadedAudio> {
  const { config, deps, auth } = c.var;
  const uploads = tenantUploads(config.db, auth.tenantId, deps.now);
  const row = await uploads.get(uploadId);
  const refuse = (message: string) =>
    new HttpError(400, "validation_failed", `Invalid json: upload_id ${message}`, { details: { issues: [{ field: "upload_id", location: "json", message }] } });
  if (!row) throw refuse("is not an upload of yours (unknown, or deleted: uploads are kept 24 hours); upload the audio again");
  if (row.status !== "complete") throw refuse("is not complete: PUT every part, then POST /v1/uploads/{id}/complete");
  const expiresAt = Math.min(row.created_at + UPLOAD_TTL_MS, deps.now() + AUDIO_URL_TTL_MS);
  if (expiresAt <= deps.now()) throw refuse("has expired; upload the audio again");
  return {
    url: await signedAudioUrl(config.publicBaseUrl, config.webhookSecret, row.id, expiresAt, row.file_name),
    link: (jobId) => uploads.linkJob(row.id, jobId),
  };
}
