import { z } from "zod";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ERROR_CODES, HttpError } from "../http/errors.js";
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_STALE_MS, IDEMPOTENT_REPLAYED_HEADER } from "./idempotency-key.js";
import type { IdempotencyRecord } from "./idempotency-store.js";

/** What an earlier use of the same key means for this request. */
export type ExistingUse =
  | { kind: "conflict" }
  | { kind: "in_progress"; retryAfterSeconds: number }
  | { kind: "answered"; status: number; body: string | null }
  | { kind: "interrupted"; jobId: string | null };

/** Classifies the row another use of the key left (pure). */
export function existingUse(record: IdempotencyRecord, requestHash: string, now: number): ExistingUse {
  if (record.request_hash !== requestHash) return { kind: "conflict" };
  if (record.response_status !== null) return { kind: "answered", status: record.response_status, body: record.response_body };
  const age = now - record.created_at;
  if (age >= IDEMPOTENCY_STALE_MS) return { kind: "interrupted", jobId: record.job_id };
  return { kind: "in_progress", retryAfterSeconds: 1 };
}

/** The 409 for a key sent again with another request. */
export function keyReusedError(): HttpError {
  return new HttpError(
    409,
    "idempotency_key_reused",
    `This ${IDEMPOTENCY_KEY_HEADER} was already used with a different request (another method, path or body). ` +
      "Send the original request again to get its answer, or use a new key for a new request.",
  );
}

/** The 409 for a key whose first use is still running. */
export function inProgressError(retryAfterSeconds: number): HttpError {
  return new HttpError(
    409,
    "request_in_progress",
    `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry in ${retryAfterSeconds} second(s) to get its answer.`,
    { headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

const storedErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() });

/** The stored body of an error answer (without the request id, which belongs to each answer). */
export function storedError(error: HttpError): string {
  return JSON.stringify({ code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) });
}

/** The HttpError that repeats a stored error answer, marked as replayed. */
export function replayedError(status: number, body: string | null): HttpError {
  let stored: unknown;
  try {
    stored = body === null ? undefined : JSON.parse(body);
  } catch {
    stored = undefined; // written by us; unreadable means a broken row: answered as an internal error below
  }
  const parsed = storedErrorSchema.safeParse(stored);
  if (!parsed.success) return new HttpError(500, "internal_error", "Internal error.");
  return new HttpError(status as ContentfulStatusCode, parsed.data.code, parsed.data.message, {
    details: parsed.data.details,
    headers: { [IDEMPOTENT_REPLAYED_HEADER]: "true" },
  });
}
