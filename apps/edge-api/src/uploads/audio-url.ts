import { hmacSha256, verifyHmacSha256 } from "../auth/crypto.js";

/** Domain separation: this HMAC signs audio GET URLs and nothing else (job webhooks use another prefix). */
const SIGNED_PREFIX = "soap-notes/audio/v1:";
/** Path of the signed audio route; a URL adds `/<upload id>/<expires ms>/<signature>/<file name>`. */
export const AUDIO_PATH = "/v1/audio";

function message(uploadId: string, expiresAt: number): string {
  return `${SIGNED_PREFIX}${uploadId}:${expiresAt}`;
}

/**
 * The GET URL AssemblyAI fetches an uploaded recording from: the upload id, when the URL stops working
 * and an HMAC-SHA256 of both under the deployment's `WEBHOOK_SECRET` (so that nobody can forge or extend
 * one), then the file name (which carries no authority).
 *
 * @example
 * ```ts
 * await signedAudioUrl("https://api.example.com", secret, "upl_1", Date.now() + 3_600_000, "visit.mp3");
 * // "https://api.example.com/v1/audio/upl_1/1795…/3q2-…/visit.mp3"
 * ```
 */
export async function signedAudioUrl(publicBaseUrl: string, secret: string, uploadId: string, expiresAt: number, fileName: string): Promise<string> {
  const signature = await hmacSha256(secret, message(uploadId, expiresAt));
  return `${publicBaseUrl}${AUDIO_PATH}/${encodeURIComponent(uploadId)}/${expiresAt}/${signature}/${encodeURIComponent(fileName)}`;
}

/** True when `signature` signs this upload id and expiry under `secret` (constant-time, Web Crypto's verify). */
export async function verifyAudioSignature(secret: string, uploadId: string, expiresAt: number, signature: string): Promise<boolean> {
  return Number.isSafeInteger(expiresAt) && verifyHmacSha256(secret, message(uploadId, expiresAt), signature);
}
