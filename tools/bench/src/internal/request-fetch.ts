import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { request, type Dispatcher } from "undici";

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function headerRecord(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(h).forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

function nodeBody(body: BodyInit | null | undefined): string | Uint8Array | Readable | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof Blob) return Readable.fromWeb(body.stream() as NodeReadableStream);
  if (body instanceof ReadableStream) return Readable.fromWeb(body as NodeReadableStream);
  throw new TypeError("request-backed fetch: unsupported body type");
}

/**
 * A `fetch` over undici's `request()` (the dispatcher API) instead of undici's `fetch()`. Bench-only,
 * to measure a what-if for B4: undici's fetch keeps a streamed request body in memory
 * (nodejs/undici#4058), `request()` streams it with backpressure. Supports what core's clients send:
 * method, headers, a string / bytes / Blob / ReadableStream body, and a signal.
 */
export function requestBackedFetch(dispatcher: Dispatcher): typeof fetch {
  const f = async (input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const body = nodeBody(init.body);
    const res = await request(url, {
      method: (init.method ?? "GET") as Dispatcher.HttpMethod,
      headers: headerRecord(init.headers),
      ...(body !== undefined ? { body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
      dispatcher,
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
    }
    if (NULL_BODY_STATUSES.has(res.statusCode)) {
      await res.body.dump();
      return new Response(null, { status: res.statusCode, headers });
    }
    return new Response(Readable.toWeb(res.body) as ReadableStream<Uint8Array>, { status: res.statusCode, headers });
  };
  return f as typeof fetch;
}
