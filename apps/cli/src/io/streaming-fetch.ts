import { pipeline, Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { request, type Dispatcher } from "undici";

type FetchInput = Parameters<typeof fetch>[0];

/** Statuses whose `Response` must have a null body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
/** Methods that fetch upper-cases (the others are sent as given). */
const NORMALIZED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);

/** A request body that goes through `request()`: read as it is sent, never held whole. */
type StreamingBody = ReadableStream | Blob | Readable;

/** Whether a fetch body is a stream or a Blob (a file opened with `openAsBlob` included). */
export function isStreamingBody(body: unknown): body is StreamingBody {
  return body instanceof ReadableStream || body instanceof Blob || body instanceof Readable;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/** What fetch would throw: the signal's reason when aborted, else `TypeError("fetch failed")`. */
function fetchError(err: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return abortReason(signal);
  return new TypeError("fetch failed", { cause: err });
}

function toNodeBody(body: StreamingBody): { stream: Readable; length?: number; type?: string } {
  if (body instanceof Readable) return { stream: body };
  if (body instanceof Blob) {
    return { stream: Readable.fromWeb(body.stream() as NodeWebReadableStream), length: body.size, ...(body.type ? { type: body.type } : {}) };
  }
  if (body.locked) throw new TypeError("Request body is locked or already read.");
  return { stream: Readable.fromWeb(body as NodeWebReadableStream) };
}

/** Undoes `content-encoding` like fetch does (gzip, deflate, br); unknown codings pass as sent. */
function decode(body: Readable, contentEncoding: string | null): Readable {
  const codings = (contentEncoding ?? "").split(",").map((c) => c.trim().toLowerCase()).filter((c) => c !== "" && c !== "identity").reverse();
  let out = body;
  for (const coding of codings) {
    const decoder = coding === "gzip" || coding === "x-gzip" ? createGunzip() : coding === "deflate" ? createInflate() : coding === "br" ? createBrotliDecompress() : undefined;
    if (!decoder) return out;
    out = pipeline(out, decoder, () => undefined);
  }
  return out;
}

/** A pull-driven web stream over a Node stream; read errors look like fetch's (`TypeError("terminated")`). */
function webBody(source: Readable, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (err) {
          controller.error(signal?.aborted ? abortReason(signal) : new TypeError("terminated", { cause: err }));
        }
      },
      async cancel() {
        source.on("error", () => undefined);
        await chunks.return?.();
        source.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

async function sendStreaming(dispatcher: Dispatcher, input: string | URL, init: RequestInit, body: StreamingBody): Promise<Response> {
  const signal = init.signal ?? undefined;
  const discard = (): void => {
    if (body instanceof Readable) body.destroy();
    else if (body instanceof ReadableStream && !body.locked) void body.cancel().catch(() => undefined);
  };
  if (signal?.aborted) {
    discard();
    throw abortReason(signal);
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch (err) {
    discard();
    throw new TypeError("Failed to parse URL", { cause: err });
  }
  const requested = (init.method ?? "GET").toUpperCase();
  const method = NORMALIZED_METHODS.has(requested) ? requested : (init.method as string);
  if (method === "GET" || method === "HEAD") {
    discard();
    throw new TypeError("Request with GET/HEAD method cannot have body.");
  }
  let headers: Headers;
  try {
    headers = new Headers(init.headers);
  } catch (err) {
    discard();
    throw err;
  }
  const { stream, length, type } = toNodeBody(body);
  if (length !== undefined && !headers.has("content-length")) headers.set("content-length", String(length));
  if (type !== undefined && !headers.has("content-type")) headers.set("content-type", type);
  // Ask for an unencoded answer; `decode` still copes with a server that encodes anyway.
  if (!headers.has("accept-encoding")) headers.set("accept-encoding", "identity");

  let res: Dispatcher.ResponseData;
  try {
    res = await request(url, {
      method: method as Dispatcher.HttpMethod,
      headers: Object.fromEntries(headers),
      body: stream,
      dispatcher,
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    stream.destroy();
    throw fetchError(err, signal);
  }

  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
  }
  const responseInit = { status: res.statusCode, statusText: res.statusText ?? "", headers: responseHeaders };
  try {
    if (NULL_BODY_STATUSES.has(res.statusCode)) {
      await res.body.dump().catch(() => undefined);
      return new Response(null, responseInit);
    }
    return new Response(webBody(decode(res.body, responseHeaders.get("content-encoding")), signal), responseInit);
  } catch (err) {
    res.body.on("error", () => undefined).destroy();
    throw fetchError(err, signal);
  }
}

/**
 * A `fetch` that sends requests whose body is a stream or a Blob through undici's `request()` on
 * `dispatcher`, and everything else through `fallback` (undici's `fetch` on the same dispatcher).
 *
 * Why: undici's `fetch` keeps a streamed request body in memory until the request ends
 * (nodejs/undici#4058), so uploading a 1 GiB recording grew the CLI by 1 GiB. `request()` streams it
 * with backpressure. The result still behaves like fetch for core: method, headers and `signal` are
 * honoured; a Blob's size is sent as `content-length`; an abort rejects with the signal's reason;
 * any other failure rejects with `TypeError("fetch failed")` whose `cause` is undici's error (so
 * `cause.code` is e.g. `ECONNREFUSED`); the answer is a `Response` whose body streams. Redirects
 * are not followed on this path (an upload answer is never a redirect).
 */
export function createStreamingFetch(dispatcher: Dispatcher, fallback: typeof fetch): typeof fetch {
  const streaming = (input: FetchInput, init?: RequestInit): Promise<Response> => {
    const body: unknown = init?.body;
    if ((typeof input === "string" || input instanceof URL) && init && isStreamingBody(body)) {
      return sendStreaming(dispatcher, input, init, body);
    }
    return fallback.call(undefined, input, init);
  };
  return streaming as typeof fetch;
}
