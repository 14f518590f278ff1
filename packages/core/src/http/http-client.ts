import type { z } from "zod";
import { fromResponse, requestIdFromHeaders } from "../errors/from-response.js";
import { AbortError } from "../errors/transport-errors.js";
import { parseRetryAfterMs } from "../internal/retry-after.js";
import {
  retryDelayMs,
  shouldRetry,
  type AttemptOutcome,
  type RetryMode,
} from "../internal/retry-policy.js";
import { runAttempt } from "./attempt.js";
import type { RequestOptions } from "./client-options.js";
import type { ResolvedConfig } from "./resolve-config.js";
import { parseResponse, parseText } from "./validate.js";

/** One logical call: what to send, how to validate the answer, how it may be retried. */
export interface SendOptions<T> {
  method: "GET" | "POST" | "DELETE";
  /** Absolute URL. */
  url: string;
  /** Names the call in errors, e.g. `"GET /v2/transcript/{id}"`. */
  operation: string;
  schema: z.ZodType<T>;
  /** `"text"` validates the raw body text (subtitles) instead of parsed JSON. @default "json" */
  responseType?: "json" | "text";
  mode: RetryMode;
  /** JSON body (serialised here). */
  json?: unknown;
  /** Raw body (bytes, Blob or stream). */
  body?: BodyInit;
  /** Set for a `ReadableStream` body: fetch needs `duplex: "half"` to stream it. */
  streamBody?: boolean;
  /** Extra strings that must never appear in errors (webhook secret, prompt text...). */
  secrets?: readonly string[];
  /** Request text (prompt, inline transcript) whose echoes in error answers are masked. */
  echoSources?: readonly string[];
  request?: RequestOptions | undefined;
  /**
   * Maps the error a call ends with, given how its last attempt ended: `answered` (a 2xx whose body
   * did not validate) or `gave-up` (retries exhausted or not allowed; `outcome` is absent for an
   * abort). The caller's rule for what such a failure means (e.g. "the transcript may exist") lives
   * with the caller, not here.
   */
  mapFailure?: ((failure: SendFailure) => Error) | undefined;
}

/** How a call failed, for {@link SendOptions.mapFailure}. */
export type SendFailure =
  | { kind: "answered"; error: Error }
  | { kind: "gave-up"; error: Error; outcome: AttemptOutcome | undefined };

const STREAM_NOTE =
  " Not retried: the upload body was a stream, which cannot be replayed. Pass a Blob or Uint8Array to allow retries.";

/**
 * The one place HTTP happens: headers, per-attempt timeout, the caller's signal, retries by the
 * pure retry policy, error mapping through `fromResponse`, and zod validation of every answer.
 */
export class HttpClient {
  constructor(readonly config: ResolvedConfig) {}

  /** Sends with retries and returns the validated body. */
  async send<T>(o: SendOptions<T>): Promise<T> {
    const cfg = this.config;
    const signal = o.request?.signal;
    const maxRetries = o.request?.maxRetries ?? cfg.maxRetries;
    const timeoutMs = o.request?.timeoutMs ?? cfg.timeoutMs;
    const secrets = [cfg.apiKey, ...(o.secrets ?? [])];
    const headers: Record<string, string> = {
      Authorization: cfg.apiKey,
      Accept: o.responseType === "text" ? "text/plain" : "application/json",
    };
    let body: BodyInit | undefined = o.body;
    if (o.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(o.json);
    } else if (o.body !== undefined) {
      headers["Content-Type"] = "application/octet-stream";
    }
    const init: RequestInit & { duplex?: "half" } = { method: o.method, headers };
    if (body !== undefined) init.body = body;
    if (o.streamBody) init.duplex = "half";

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new AbortError(`${o.operation} was aborted.`, { cause: signal.reason });
      const result = await runAttempt({
        fetch: cfg.fetch,
        url: o.url,
        init,
        timeoutMs,
        signal,
        operation: o.operation,
        secrets,
      });

      let error: Error;
      let outcome: AttemptOutcome | undefined;
      let retryAfterMs: number | undefined;
      if (result.kind === "response") {
        const { response, text } = result;
        const requestId = requestIdFromHeaders(response.headers);
        if (response.ok) {
          try {
            const ctx = { operation: o.operation, status: response.status, requestId, secrets };
            return o.responseType === "text" ? parseText(o.schema, text, ctx) : parseResponse(o.schema, text, ctx);
          } catch (err) {
            throw o.mapFailure && err instanceof Error ? o.mapFailure({ kind: "answered", error: err }) : err;
          }
        }
        error = fromResponse({
          status: response.status,
          headers: response.headers,
          bodyText: text,
          operation: o.operation,
          secrets,
          echoSources: o.echoSources ?? [],
          now: cfg.now,
        });
        outcome = { kind: "status", status: response.status };
        retryAfterMs = parseRetryAfterMs(response.headers, cfg.now());
      } else {
        error = result.error;
        outcome = result.outcome;
      }

      const retriable = outcome !== undefined && shouldRetry(o.mode, outcome);
      if (retriable && attempt < maxRetries) {
        const delay = retryDelayMs(attempt, { retryAfterMs, random: cfg.random });
        try {
          await cfg.sleep(delay, signal);
        } catch (err) {
          throw new AbortError(`${o.operation} was aborted while waiting to retry.`, { cause: err });
        }
        continue;
      }
      if (o.mode === "no-replay" && outcome !== undefined && shouldRetry("replayable", outcome)) {
        error.message += STREAM_NOTE;
      }
      throw o.mapFailure ? o.mapFailure({ kind: "gave-up", error, outcome }) : error;
    }
  }
}
