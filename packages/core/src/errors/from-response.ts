import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type ApiErrorInit,
} from "./api-errors.js";
import { parseErrorBody } from "./error-body.js";
import { redactDeep, redactEchoes, redactSecrets } from "./redact.js";
import { parseRetryAfterMs } from "../internal/retry-after.js";

/** Input of {@link fromResponse}: an HTTP error answer already read as text. */
export interface ErrorResponseInput {
  status: number;
  headers: Headers;
  /** The raw body text (may be empty or non-JSON). */
  bodyText: string;
  /** e.g. `"GET /v2/transcript/{id}"`: says what failed, never carries secrets. */
  operation: string;
  /** Strings that must never appear in the error (API key, webhook secret, request content). */
  secrets: readonly string[];
  /** Request text (prompts, inline transcripts) whose echoes must be masked. */
  echoSources?: readonly string[];
  /** Clock for HTTP-date `Retry-After` values. */
  now?: () => number;
}

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "x-amz-request-id"];

/** Request id from the usual headers, if any. */
export function requestIdFromHeaders(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const v = headers.get(name);
    if (v) return v;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON (an HTML error page from a proxy, say): keep the text, callers still get the status.
    return text === "" ? undefined : text;
  }
}

function scrubEchoes(value: unknown, sources: readonly string[]): unknown {
  if (sources.length === 0) return value;
  if (typeof value === "string") return redactEchoes(value, sources);
  if (Array.isArray(value)) return value.map((v) => scrubEchoes(v, sources));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubEchoes(v, sources)]));
  }
  return value;
}

/** The v2 API's message for an unknown transcript id (docs/common_errors_and_solutions.mdx). */
export const TRANSCRIPT_LOOKUP_ERROR_PREFIX = "Transcript lookup error";

/**
 * Whether an answer is AssemblyAI's "no such transcript": its errors guide shows
 * `400 {"error": "Transcript lookup error, transcript id not found"}`, openapi.yml lists 404.
 */
export function isTranscriptLookupError(status: number, serverMessage: string | undefined): boolean {
  return status === 400 && serverMessage !== undefined && serverMessage.trim().toLowerCase().startsWith(TRANSCRIPT_LOOKUP_ERROR_PREFIX.toLowerCase());
}

/**
 * The single factory that turns an HTTP error answer into the matching {@link ApiError} subclass:
 * 400 BadRequest, 401 Authentication, 403 PermissionDenied, 404 NotFound, 409 Conflict,
 * 422 UnprocessableEntity, 429 RateLimit (with `retryAfterMs`), 5xx InternalServer, anything else
 * ApiError. A 400 whose message is the transcript lookup error ("Transcript lookup error, transcript
 * id not found", the errors guide's answer for an unknown id) is a NotFoundError that keeps
 * `status: 400`. The message, body and code are stripped of every secret.
 *
 * @example
 * ```ts
 * const err = fromResponse({ status: 404, headers: res.headers, bodyText: await res.text(),
 *   operation: "GET /v2/transcript/{id}", secrets: [apiKey] });
 * ```
 */
export function fromResponse(input: ErrorResponseInput): ApiError {
  const { status, headers, bodyText, operation, secrets } = input;
  const echoes = input.echoSources ?? [];
  const parsed = scrubEchoes(parseJson(bodyText), echoes);
  const info = parseErrorBody(parsed);
  const requestId = requestIdFromHeaders(headers) ?? info.requestId;
  const serverMessage = info.message ?? (typeof parsed === "string" ? parsed : undefined);
  const detail = serverMessage ? `: ${serverMessage.trim()}` : "";
  const message = redactSecrets(
    redactEchoes(`${operation} failed with HTTP ${status}${detail}${requestId ? ` (request id ${requestId})` : ""}`, echoes),
    secrets,
  );
  const init: ApiErrorInit = {
    status,
    message,
    requestId: requestId === undefined ? undefined : redactSecrets(requestId, secrets),
    body: redactDeep(parsed, secrets),
    code: typeof info.code === "string" ? redactSecrets(info.code, secrets) : info.code,
  };
  switch (true) {
    case isTranscriptLookupError(status, serverMessage):
      return new NotFoundError(init);
    case status === 400:
      return new BadRequestError(init);
    case status === 401:
      return new AuthenticationError(init);
    case status === 403:
      return new PermissionDeniedError(init);
    case status === 404:
      return new NotFoundError(init);
    case status === 409:
      return new ConflictError(init);
    case status === 422:
      return new UnprocessableEntityError(init);
    case status === 429:
      return new RateLimitError({ ...init, retryAfterMs: parseRetryAfterMs(headers, input.now?.() ?? Date.now()) });
    case status >= 500:
      return new InternalServerError(init);
    default:
      return new ApiError(init);
  }
}
