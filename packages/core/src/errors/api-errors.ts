import { SoapNotesError } from "./soap-notes-error.js";

/** Fields every {@link ApiError} is built from. */
export interface ApiErrorInit {
  status: number;
  message: string;
  requestId?: string | undefined;
  /** The parsed (and redacted) error body, or the raw text when it was not JSON. */
  body?: unknown;
  /** A machine-readable code from the body, when the server sent one. */
  code?: string | number | undefined;
  cause?: unknown;
}

/**
 * An HTTP error answer from AssemblyAI or the LLM Gateway. Use the subclasses to branch on status.
 * Built only by {@link fromResponse}.
 *
 * @example
 * ```ts
 * try { await transcripts.get("nope"); }
 * catch (err) { if (err instanceof ApiError) console.log(err.status, err.requestId); }
 * ```
 */
export class ApiError extends SoapNotesError {
  override name = "ApiError";
  /** HTTP status of the answer. */
  readonly status: number;
  /** Request id from the `x-request-id` header or the body, when there is one. */
  readonly requestId: string | undefined;
  /** Parsed error body with secrets removed. */
  readonly body: unknown;
  /** Code from the error body (gateway `error.code`), when present. */
  readonly code: string | number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message, { cause: init.cause });
    this.status = init.status;
    this.requestId = init.requestId;
    this.body = init.body;
    this.code = init.code;
  }
}

/** 400: the request was malformed. (A 400 "Transcript lookup error" is a {@link NotFoundError} instead.) */
export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
/** 401: the API key is missing or invalid. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
/** 403: the key may not do this (e.g. an upload made by another project). */
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
/**
 * No such transcript, model or endpoint: a 404, or AssemblyAI's `400 {"error": "Transcript lookup
 * error, transcript id not found"}` (its errors guide's answer for an unknown transcript id). `status`
 * is the status the server sent (404 or 400); branch on the class, not on the status.
 */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
/** 409: a conflict with the resource's current state. */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}
/** 422: the request was well formed but could not be processed. */
export class UnprocessableEntityError extends ApiError {
  override name = "UnprocessableEntityError";
}

/**
 * 429: too many requests. `retryAfterMs` is the wait the server asked for (from `Retry-After`),
 * when it sent one.
 *
 * @example
 * ```ts
 * if (err instanceof RateLimitError) await sleep(err.retryAfterMs ?? 1000);
 * ```
 */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  /** Milliseconds the server asked us to wait, from `Retry-After`. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit & { retryAfterMs?: number | undefined }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 5xx: the server failed. */
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}
