import type { ApiError} from "@org/soap-core";
import { AbortError, ConnectionError, fromResponse, TimeoutError } from "@org/soap-core";
import { REMOTE_MAX_ATTEMPTS, REMOTE_MAX_WAITS, remoteRetryDelayMs, retryAfterMs, shouldRetryRemote } from "./remote-retry.js";

/** Options of {@link RemoteClient}. */
export interface RemoteClientOptions {
  /** The edge API's base URL, e.g. `https://soap-notes-api.example.workers.dev` (without `/v1`). */
  baseUrl: string;
  /** `SOAP_NOTES_API_KEY`: sent as a bearer token, never printed. */
  apiKey: string;
  fetch: typeof fetch;
  /** Per attempt. @default 60_000 */
  timeoutMs?: number;
  /** @default Math.random */
  random?: () => number;
  /** @default setTimeout-based, abortable */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told about every wait before a retry (the CLI's verbose log, the tests). */
  onRetry?: (info: { operation: string; status: number | undefined; delayMs: number }) => void;
}

/** An answer of the edge API, JSON already parsed. */
export interface RemoteAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError("aborted", { cause: signal.reason }));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError("aborted", { cause: signal?.reason }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function systemCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The CLI's client of the soap-notes edge API (apps/edge-api): JSON requests and raw part uploads, with
 * the API's one error envelope turned into core's error classes (`fromResponse`: 401 is an
 * `AuthenticationError`, 429 a `RateLimitError`…), so that the batch runner classifies remote failures as
 * it does AssemblyAI's. Retries what {@link shouldRetryRemote} allows, waiting `Retry-After`; a network
 * failure becomes a `ConnectionError` and is retried too (every request it sends is safe to repeat:
 * creates carry an `Idempotency-Key`, parts replace themselves).
 */
export class RemoteClient {
  readonly #o: Required<Omit<RemoteClientOptions, "onRetry">> & Pick<RemoteClientOptions, "onRetry">;
  readonly host: string;

  constructor(options: RemoteClientOptions) {
    this.#o = {
      timeoutMs: 60_000,
      random: Math.random,
      sleep: abortableSleep,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
    this.host = new URL(this.#o.baseUrl).host;
  }

  /** Sends one request (retried as above) and parses the JSON answer; a non-2xx answer throws core's error. */
  async request<T>(
    method: string,
    path: string,
    o: { json?: unknown; bytes?: Uint8Array; headers?: Record<string, string>; signal?: AbortSignal; operation?: string } = {},
  ): Promise<RemoteAnswer<T>> {
    const operation = o.operation ?? `${method} ${path.replace(/\?.*$/, "")}`;
    for (let attempt = 1; ; attempt++) {
      let status: number | undefined;
      let failure: unknown;
      let serverWait: number | undefined;
      try {
        const answer = await this.#attempt<T>(method, path, o, operation);
        if (answer.ok) return answer.value;
        status = answer.value.status;
        failure = answer.error;
        serverWait = answer.retryAfterMs;
        const asked = status === 429 || (status === 409 && answer.code === "request_in_progress");
        if (!shouldRetryRemote(status, answer.code) || attempt >= (asked ? REMOTE_MAX_WAITS : REMOTE_MAX_ATTEMPTS)) throw failure;
      } catch (err) {
        if (o.signal?.aborted) throw new AbortError("aborted", { cause: o.signal.reason });
        if (err !== failure) {
          // A transport failure: retried, except on the last attempt.
          if (!(err instanceof ConnectionError || err instanceof TimeoutError) || attempt >= REMOTE_MAX_ATTEMPTS) throw err;
          failure = err;
        } else {
          throw err;
        }
      }
      const delayMs = remoteRetryDelayMs(attempt, { retryAfterMs: serverWait, random: this.#o.random });
      this.#o.onRetry?.({ operation, status, delayMs });
      await this.#o.sleep(delayMs, o.signal);
    }
  }

  async #attempt<T>(
    method: string,
    path: string,
    o: { json?: unknown; bytes?: Uint8Array; headers?: Record<string, string>; signal?: AbortSignal },
    operation: string,
  ): Promise<{ ok: true; value: RemoteAnswer<T> } | { ok: false; value: { status: number }; error: ApiError; code: string | undefined; retryAfterMs: number | undefined }> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.#o.apiKey}`, accept: "application/json", ...o.headers };
    let body: BodyInit | undefined;
    if (o.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(o.json);
    } else if (o.bytes !== undefined) {
      headers["content-type"] = "application/octet-stream";
      body = o.bytes as unknown as BodyInit;
    }
    const timeout = AbortSignal.timeout(this.#o.timeoutMs);
    const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await this.#o.fetch.call(undefined, `${this.#o.baseUrl}${path}`, { method, headers, body, signal });
      text = await response.text();
    } catch (err) {
      if (o.signal?.aborted) throw new AbortError("aborted", { cause: o.signal.reason });
      if (timeout.aborted) throw new TimeoutError(`${operation} timed out after ${this.#o.timeoutMs} ms`, { cause: err });
      throw new ConnectionError(`${operation} could not reach the soap-notes API`, { cause: err, code: systemCode(err), host: this.host });
    }
    if (response.ok) {
      return { ok: true, value: { status: response.status, headers: response.headers, body: (text === "" ? undefined : JSON.parse(text)) as T } };
    }
    const error = fromResponse({ status: response.status, headers: response.headers, bodyText: text, operation, secrets: [this.#o.apiKey] });
    let code: string | undefined;
    try {
      const parsed = JSON.parse(text) as { error?: { code?: unknown } };
      code = typeof parsed.error?.code === "string" ? parsed.error.code : undefined;
    } catch {
      code = undefined; // not the API's envelope (a proxy's page): the status decides
    }
    return { ok: false, value: { status: response.status }, error, code, retryAfterMs: retryAfterMs(response.headers.get("retry-after"), Date.now()) };
  }
}
