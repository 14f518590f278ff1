import { constantTimeEqual, hmacSha256Hex } from "../auth/crypto.js";

/** The header that carries the signatures of a delivery. */
export const SIGNATURE_HEADER = "Soap-Signature";

/** Default tolerance of {@link verifySignatureHeader}: 5 minutes either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * The `Soap-Signature` value of `body` sent at `timestamp` (Unix seconds): `t=<timestamp>,v1=<hex>` with
 * one `v1` per secret, each the HMAC-SHA256 of `"<timestamp>.<body>"` under that secret (during a
 * rotation: the new secret first, then the old one).
 *
 * @example await signatureHeader(["whsec_…"], 1764061200, '{"id":"evt_…"}') // "t=1764061200,v1=5f2c…"
 */
export async function signatureHeader(secrets: readonly string[], timestamp: number, body: string): Promise<string> {
  const macs = await Promise.all(secrets.map((secret) => hmacSha256Hex(secret, `${timestamp}.${body}`)));
  return [`t=${timestamp}`, ...macs.map((mac) => `v1=${mac}`)].join(",");
}

/** Why {@link verifySignatureHeader} refused a delivery, or "ok". */
export type VerifyResult = "ok" | "malformed" | "timestamp_out_of_tolerance" | "no_matching_signature";

/**
 * What a receiver does (the README's algorithm): parse `t` and every `v1`, refuse a timestamp more than
 * `toleranceSeconds` from its own clock (replays), compute the HMAC of `"<t>.<raw body>"` under its
 * secret and accept when any `v1` equals it (compared in constant time).
 */
export async function verifySignatureHeader(
  header: string,
  body: string,
  secret: string,
  o: { nowSeconds: number; toleranceSeconds?: number },
): Promise<VerifyResult> {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [name, value] = part.split("=", 2).map((s) => s.trim());
    if (name === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === "v1" && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return "malformed";
  if (Math.abs(o.nowSeconds - timestamp) > (o.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return "timestamp_out_of_tolerance";
  const expected = await hmacSha256Hex(secret, `${timestamp}.${body}`);
  for (const signature of signatures) if (await constantTimeEqual(signature, expected)) return "ok";
  return "no_matching_signature";
}
