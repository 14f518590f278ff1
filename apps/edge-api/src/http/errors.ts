import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Machine-readable codes of the one error envelope the API answers with. */
export const ERROR_CODES = [
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "validation_failed",
  "unknown_template",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "quota_exceeded",
  "redaction_required",
  "note_not_ready",
  "conflict",
  "idempotency_key_reused",
  "request_in_progress",
  "transcript_create_failed",
  "transcript_create_uncertain",
  "upstream_error",
  "misconfigured",
  "internal_error",
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** zod (and OpenAPI) schema of the error envelope: `{ error: { code, message, details?, request_id } }`. */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).openapi({ example: "not_found" }),
      message: z.string().openapi({ example: "No note with this id." }),
      details: z.unknown().optional(),
      request_id: z
        .string()
        .optional()
        .openapi({ description: "This request's correlation id (also the `X-Request-Id` header): quote it to the operator." }),
    }),
  })
  .openapi("Error");

/** The error envelope's type. */
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/**
 * An error a handler throws to answer with the error envelope. `app.onError` turns it into the response;
 * anything else becomes a 500 `internal_error` whose message says nothing about the cause.
 */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    options: { details?: unknown; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

/** Builds the envelope body; `requestId` is the request's correlation id. */
export function errorBody(code: ErrorCode, message: string, details?: unknown, requestId?: string): ErrorEnvelope {
  return {
    error: {
      code,
      message,
      ...(details === undefined ? {} : { details }),
      ...(requestId === undefined ? {} : { request_id: requestId }),
    },
  };
}

/** The correlation id of the request `c` serves (set by the request-context middleware), if any. */
export function requestIdOf(c: Context): string | undefined {
  const id: unknown = c.get("requestId");
  return typeof id === "string" ? id : undefined;
}

/** Answers with the envelope, carrying the request's correlation id. */
export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  details?: unknown,
  headers: Record<string, string> = {},
): Response {
  return c.json(errorBody(code, message, details, requestIdOf(c)), status, headers);
}

/** OpenAPI response entries for the envelope, to spread into a route's `responses`. */
export function errorResponses<const S extends readonly number[]>(
  ...statuses: S
): Record<S[number], { description: string; content: { "application/json": { schema: typeof errorEnvelopeSchema } } }> {
  const out: Record<number, { description: string; content: { "application/json": { schema: typeof errorEnvelopeSchema } } }> = {};
  for (const status of statuses) {
    out[status] = { description: STATUS_DESCRIPTIONS[status] ?? "Error", content: { "application/json": { schema: errorEnvelopeSchema } } };
  }
  return out as Record<S[number], { description: string; content: { "application/json": { schema: typeof errorEnvelopeSchema } } }>;
}

const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: "The request does not validate; `details.issues` names each field.",
  401: "Missing, unknown, revoked or expired API key (or webhook secret).",
  403: "Refused by the deployment's policy (e.g. `redaction_required`).",
  404: "No such resource for this tenant.",
  409: "The note is not in a state that allows this, or the `Idempotency-Key` was used for another request or is still in progress.",
  413: "The request body is larger than the limit.",
  415: "The request body is not `application/json`.",
  429: "A rate limit or quota is exhausted (`details.cap` says which); see `Retry-After`.",
  500: "Unexpected error, or the deployment is misconfigured (details in the operator's logs, by `request_id`).",
  502: "AssemblyAI or the LLM Gateway failed.",
};
