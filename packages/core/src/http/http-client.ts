import type * as z from "zod/mini";
import { fromResponse, requestIdFromHeaders } from "../errors/from-response.js";
import { AbortError } from "../errors/transport-errors.js";
import { parseRetryAfterMs } from "../internal/retry-after.js";
import {
  retryDelayMs,
  shouldRetry,
  type AttemptOutcome,
  type RetryMode,
} from "../internal/retry-policy.js";
import { runAttempt, type AttemptTimeout } from "./attempt.js";
import { bodySize, replayableWithProgress, requestStreamsSupported, withProgress, type ReplayableBody } from "./body-progress.js";
import type { RequestOptions } from "./client-options.js";
import type { RequestGate } from "./request-gate.js";
import type { ResolvedConfig } from "./resolve-config.js";
import { parseResponse, parseText } from "./validate.js";

/** One logical call: what to send, how to validate the answer, how it may be retried. */
export interface SendOptions<T> {
  method: "GET" | "POST" | "DELETE";
  /** Absolute URL. */
  url: string;
  /** Names the call in errors, e.g. `"GET /v2/transcript/{id}"`. */
  operation: string;
  schema: z.core.$ZodType<T>;
  /** `"text"` validates the raw body text (subtitles) instead of parsed JSON. @default "json" */
  responseType?: "json" | "text";
  mode: RetryMode;
  /** JSON body (serialised here). */
  json?: unknown;
  /** Raw body (bytes, Blob or stream). */
  body?: BodyInit;
  /** Set for a `ReadableStream` body: fetch needs `duplex: "half"` to stream it. */
  streamBody?: boolean;
  /** Per-attempt timeout of this kind of call, unless the caller's `request.timeoutMs` says otherwise. @default the client's `timeoutMs` */
  timeoutMs?: number;
  /**
   * Time out on inactivity (the client's `uploadIdleTimeoutMs`, or `request.timeoutMs`) instead of on
   * total time: for uploads, which may take hours and still be moving.
   */
  idleTimeout?: boolean;
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

/**
 * Where fetch cannot send a stream (Firefox, Safari), an upload's progress cannot be seen, so its
 * timeout is a total one sized for this slow a link (bytes per ms: 32 KiB/s).
 */
const FALLBACK_MIN_BYTES_PER_MS = 32;

function isStream(body: BodyInit): body is ReadableStream<Uint8Array> {
  return typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
}

function isReplayable(body: unknown): body is ReplayableBody {
  return (typeof Blob !== "undefined" && body instanceof Blob) || body instanceof Uint8Array || body instanceof ArrayBuffer;
}

const TIMEOUT_NOTE =
  " Not retried: the gateway may still be writing (and billing) the answer. Raise the timeout, or pass retryOnTimeout: true to accept paying twice.";

const STREAM_NOTE =
  " Not retried: the upload body was a stream, which cannot be replayed. Pass a Blob or Uint8Array to allow retries.";

/** Waits for the gate's turn before an attempt; an abort while waiting is the call's AbortError (nothing was sent). */
async function awaitTurn(gate: RequestGate, o: Pick<SendOptions<unknown>, "method" | "url" | "operation">, signal: AbortSignal | undefined): Promise<() => void> {
  try {
    return await gate.acquire({ method: o.method, url: o.url, operation: o.operation }, signal);
  } catch (err) {
    if (signal?.aborted) throw new AbortError(`${o.operation} was aborted while waiting for its turn.`, { cause: signal.reason });
    throw err;
  }
}

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
    const mode: RetryMode = o.mode === "billed" && (o.request?.retryOnTimeout ?? cfg.retryOnTimeout) ? "replayable" : o.mode;
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

    let timeout: AttemptTimeout = { kind: "total", ms: o.request?.timeoutMs ?? o.timeoutMs ?? cfg.timeoutMs };
    let progressBody: ((onProgress: () => void) => BodyInit) | undefined;
    if (o.idleTimeout) {
      timeout = { kind: "idle", ms: o.request?.timeoutMs ?? cfg.uploadIdleTimeoutMs };
      if (body !== undefined && isStream(body)) {
        const stream = body;
        progressBody = (onProgress) => withProgress(stream, onProgress);
      } else if (isReplayable(body)) {
        const bytes: ReplayableBody = body;
        if (requestStreamsSupported()) {
          // A fresh stream per attempt keeps the body replayable; its length is known, so say it.
          headers["Content-Length"] = String(bodySize(bytes));
          init.duplex = "half";
          progressBody = (onProgress) => replayableWithProgress(bytes, onProgress);
        } else {
          timeout = { kind: "total", ms: timeout.ms + Math.ceil(bodySize(bytes) / FALLBACK_MIN_BYTES_PER_MS) };
        }
      }
    }

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new AbortError(`${o.operation} was aborted.`, { cause: signal.reason });
      const release = cfg.gate ? await awaitTurn(cfg.gate, o, signal) : undefined;
      let result: Awaited<ReturnType<typeof runAttempt>>;
      try {
        result = await runAttempt({
          fetch: cfg.fetch,
          url: o.url,
          init,
          timeout,
          body: progressBody,
          signal,
          operation: o.operation,
          secrets,
        });
      } finally {
        // The slot is free before any retry wait: a Retry-After is spent outside the gate.
        release?.();
      }

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

      const retriable = outcome !== undefined && shouldRetry(mode, outcome);
      if (retriable && attempt < maxRetries) {
        const delay = retryDelayMs(attempt, { retryAfterMs, random: cfg.random });
        try {
          await cfg.sleep(delay, signal);
        } catch (err) {
          throw new AbortError(`${o.operation} was aborted while waiting to retry.`, { cause: err });
        }
        continue;
      }
      if (mode === "no-replay" && outcome !== undefined && shouldRetry("replayable", outcome)) {
        error.message += STREAM_NOTE;
      } else if (mode === "billed" && outcome?.kind === "timeout" && attempt < maxRetries) {
        error.message += TIMEOUT_NOTE;
      }
      throw o.mapFailure ? o.mapFailure({ kind: "gave-up", error, outcome }) : error;
    }
  }
}
