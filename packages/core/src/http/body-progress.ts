/**
 * Request bodies that report progress: what lets an upload time out when no bytes move instead of
 * after a fixed total time. Fetch has no upload progress event, so the body is handed to fetch as a
 * stream and every chunk fetch pulls counts as activity.
 */

/** Bytes per chunk when a Blob or byte array is turned into a stream. */
export const PROGRESS_CHUNK_BYTES = 64 * 1024;

let streamsSupported: boolean | undefined;

/**
 * Whether this runtime's fetch can send a `ReadableStream` request body (`duplex: "half"`): Node 18+,
 * Workers, Deno and Chromium do; Firefox and Safari do not. Detected once: a runtime that supports
 * it reads the `duplex` option and does not turn the stream into a string body.
 */
export function requestStreamsSupported(): boolean {
  if (streamsSupported !== undefined) return streamsSupported;
  try {
    let duplexRead = false;
    const init = {
      method: "POST",
      body: new ReadableStream(),
      get duplex() {
        duplexRead = true;
        return "half";
      },
    };
    const hasContentType = new Request("http://localhost/", init as RequestInit).headers.has("Content-Type");
    streamsSupported = duplexRead && !hasContentType;
  } catch {
    streamsSupported = false;
  }
  return streamsSupported;
}

/** A body that can be read again for every attempt (so a retry resends it). */
export type ReplayableBody = Blob | Uint8Array | ArrayBuffer;

/** Size in bytes of a replayable body. */
export function bodySize(body: ReplayableBody): number {
  return body instanceof Blob ? body.size : body.byteLength;
}

function chunksOf(body: ReplayableBody): ReadableStream<Uint8Array> {
  if (body instanceof Blob) return body.stream();
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.byteLength) {
          controller.close();
          return;
        }
        const end = Math.min(bytes.byteLength, offset + PROGRESS_CHUNK_BYTES);
        controller.enqueue(bytes.subarray(offset, end));
        offset = end;
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * `source` as a stream that calls `onProgress` each time fetch pulls a chunk. Pull-driven with no
 * buffer of its own, so a stalled connection stops the calls. Cancelling it cancels the source.
 */
export function withProgress(source: ReadableStream<Uint8Array>, onProgress: () => void): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await reader.read();
        if (next.done) {
          controller.close();
          return;
        }
        onProgress();
        controller.enqueue(next.value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A fresh progress-reporting stream over a replayable body (one per attempt). */
export function replayableWithProgress(body: ReplayableBody, onProgress: () => void): ReadableStream<Uint8Array> {
  return withProgress(chunksOf(body), onProgress);
}
