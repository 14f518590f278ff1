const encoder = new TextEncoder();
/** Domain separation: this HMAC signs audio GET URLs and nothing else (job webhooks use another prefix). */
const SIGNED_PREFIX = "soap-notes/audio/v1:";
/** Path of the signed audio route; a URL adds `/<upload id>/<expires ms>/<signature>/<file name>`. */
export const AUDIO_PATH = "/v1/audio";

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length !== 43 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=");
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

function message(uploadId: string, expiresAt: number): Uint8Array {
  return encoder.encode(`${SIGNED_PREFIX}${uploadId}:${expiresAt}`);
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
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), message(uploadId, expiresAt)));
  return `${publicBaseUrl}${AUDIO_PATH}/${encodeURIComponent(uploadId)}/${expiresAt}/${toBase64Url(mac)}/${encodeURIComponent(fileName)}`;
}

/** True when `signature` signs this upload id and expiry under `secret` (constant-time, Web Crypto's verify). */
export async function verifyAudioSignature(secret: string, uploadId: string, expiresAt: number, signature: string): Promise<boolean> {
  const bytes = fromBase64Url(signature);
  if (!bytes || !Number.isSafeInteger(expiresAt)) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(secret), bytes, message(uploadId, expiresAt));
}
