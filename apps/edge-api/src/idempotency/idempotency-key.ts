import type { Context } from "hono";
import { sha256Hex } from "../auth/crypto.js";
import { HttpError } from "../http/errors.js";

/** Request header naming one logical request across retries. */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
/** Response header set on an answer that repeats the first one for the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";
/** How long a key is remembered after its first use (24 hours); after that it may be used again. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * A first use that has not recorded its answer after this long (15 minutes, longer than any request
 * runs) is treated as interrupted: a create answers from its job, a regeneration may run again.
 */
export const IDEMPOTENCY_STALE_MS = 15 * 60 * 1000;

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/** The request's idempotency key, hashed (the key itself is never stored or logged: it may name a patient). */
export interface IdempotencyKey {
  keyHash: string;
  /** SHA-256 of the method, the path and the canonical JSON body: the same key with another request is a conflict. */
  requestHash: string;
}

/**
 * Reads `Idempotency-Key` (1–255 visible ASCII characters, e.g. a UUID; a structured-header string in
 * quotes is accepted too) and fingerprints the request. Undefined when the header is absent.
 * @throws {HttpError} 400 `validation_failed` for a malformed key.
 */
export async function readIdempotencyKey(c: Context, body: unknown): Promise<IdempotencyKey | undefined> {
  const raw = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (raw === undefined) return undefined;
  const key = /^"(.*)"$/.exec(raw.trim())?.[1] ?? raw.trim();
  if (!KEY_SHAPE.test(key)) {
    const message = "must be 1 to 255 visible ASCII characters (no spaces), e.g. a UUID";
    throw new HttpError(400, "validation_failed", `Invalid header: ${IDEMPOTENCY_KEY_HEADER}`, {
      details: { issues: [{ field: IDEMPOTENCY_KEY_HEADER, location: "header", message }] },
    });
  }
  const [keyHash, requestHash] = await Promise.all([
    sha256Hex(key),
    sha256Hex(`${c.req.method} ${new URL(c.req.url).pathname}\n${canonicalJson(body)}`),
  ]);
  return { keyHash, requestHash };
}

/** JSON with object keys sorted at every level, so that key order and whitespace do not change the fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
