const encoder = new TextEncoder();

/** Hex SHA-256 of a string (Web Crypto: same result on Workers and Node). */
export async function sha256Hex(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * Compares two secrets in time that depends on neither their contents nor their lengths: both are
 * hashed to 32 bytes first, then every byte is compared without an early exit.
 */
export async function constantTimeEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  // Equal digests of different strings are not a practical concern; the length check adds no timing signal.
  return diff === 0 && given.length === expected.length;
}

/** Unpadded base64url (RFC 4648 §5) of `bytes`. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The bytes of unpadded base64url `text`, or undefined when it is not canonical base64url: a last
 * character whose unused low bits are set (`…B` where `…A` encodes the same bytes) is refused, so that
 * one value has one encoding and a changed signature never verifies as the original.
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
    bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
  return toBase64Url(bytes) === text ? bytes : undefined;
}

/** HMAC-SHA256 is 32 bytes: 43 base64url characters. */
const HMAC_SHA256_LENGTH = 43;

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/** The HMAC-SHA256 of `message` under `secret`, in base64url (43 characters). */
export async function hmacSha256(secret: string, message: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(message))));
}

/**
 * True when `signature` is `message`'s base64url HMAC-SHA256 under `secret`. Web Crypto's `verify`
 * compares in constant time; a signature of the wrong shape is refused before it.
 */
export async function verifyHmacSha256(secret: string, message: string, signature: string): Promise<boolean> {
  const bytes = signature.length === HMAC_SHA256_LENGTH ? fromBase64Url(signature) : undefined;
  if (!bytes) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(secret), bytes, encoder.encode(message));
}

/** The HMAC-SHA256 of `message` under `secret`, in lower-case hex (64 characters). */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(message)));
  let hex = "";
  for (const byte of mac) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
