import { createHash, randomBytes } from "node:crypto";
import { openAsBlob } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { ConnectionError, TranscriptsClient } from "@org/soap-core";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPooledFetch } from "./pooled-fetch.js";
import { createStreamingFetch, isStreamingBody } from "./streaming-fetch.js";

/** What the sink saw of one request: its body is hashed and discarded, never kept. */
interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
  sha256: string;
}

type Reply = (req: IncomingMessage, res: ServerResponse, got: Received) => void;

const replyJson: Reply = (_req, res, got) => {
  res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-1" });
  res.end(JSON.stringify({ upload_url: "https://cdn.example/upload/1", bytes: got.bytes, sha256: got.sha256 }));
};

/** A node:http server on 127.0.0.1, port 0, that hashes and discards every request body. */
class Sink {
  readonly server: Server;
  readonly received: Received[] = [];
  /** Bytes of request bodies received so far, counted as they arrive. */
  liveBytes = 0;
  reply: Reply = replyJson;
  onData: ((req: IncomingMessage) => void) | undefined;

  constructor() {
    this.server = createServer((req, res) => {
      const hash = createHash("sha256");
      let bytes = 0;
      req.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        this.liveBytes += chunk.length;
        hash.update(chunk);
        this.onData?.(req);
      });
      req.on("end", () => {
        const got = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, bytes, sha256: hash.digest("hex") };
        this.received.push(got);
        this.reply(req, res, got);
      });
      req.on("error", () => undefined);
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** V8's `gc()`, exposed at run time (no `--expose-gc` needed), or undefined where that is refused. */
function exposedGc(): (() => void) | undefined {
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

const chunkOf = (i: number, size: number): Uint8Array => new Uint8Array(size).fill(i % 251);

/** SHA-256 of what {@link generated} produces for `count` chunks of `size` bytes. */
function generatedSha(count: number, size: number): string {
  const hash = createHash("sha256");
  for (let i = 0; i < count; i++) hash.update(chunkOf(i, size));
  return hash.digest("hex");
}

/** A pull-driven stream of `count` chunks of `size` bytes (each chunk's bytes depend on its index). */
function generated(count: number, size: number, onPull?: (index: number) => void): { stream: ReadableStream<Uint8Array>; state: { pulls: number; cancelled: boolean } } {
  const chunk = (i: number): Uint8Array => chunkOf(i, size);
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        onPull?.(state.pulls);
        if (state.pulls === count) {
          controller.close();
          return;
        }
        controller.enqueue(chunk(state.pulls++));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

describe("createStreamingFetch", () => {
  const sink = new Sink();
  let origin = "";
  const agent = new Agent({ connections: 2 });
  let fallbackCalls = 0;
  const fallback = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    fallbackCalls++;
    return undiciFetch(input as string, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent });
  }) as unknown as typeof fetch;
  const streamingFetch = createStreamingFetch(agent, fallback);

  beforeAll(async () => {
    origin = await sink.listen();
  });
  afterEach(() => {
    sink.received.splice(0);
    sink.reply = replyJson;
    sink.onData = undefined;
    fallbackCalls = 0;
  });
  afterAll(async () => {
    await agent.close();
    await sink.close();
  });

  it("sends a ReadableStream body complete and byte-identical, not through undici's fetch", async () => {
    const { stream } = generated(64, 16 * 1024 + 3);
    const expectedSha = generatedSha(64, 16 * 1024 + 3);
    const res = await streamingFetch(`${origin}/v2/upload`, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-1");
    expect(await res.json()).toMatchObject({ bytes: 64 * (16 * 1024 + 3), sha256: expectedSha });
    expect(sink.received[0]).toMatchObject({ bytes: 64 * (16 * 1024 + 3), sha256: expectedSha });
    expect(fallbackCalls).toBe(0);
  });

  it("streams a file opened with openAsBlob, with its size as content-length and its type as content-type", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soap-streaming-fetch-"));
    try {
      const bytes = randomBytes(3 * 1024 * 1024 + 17);
      const path = join(dir, "visit.mp3");
      await writeFile(path, bytes);
      const res = await streamingFetch(`${origin}/v2/upload`, { method: "POST", body: await openAsBlob(path, { type: "audio/mpeg" }) });
      expect(res.ok).toBe(true);
      const got = sink.received[0];
      expect(got).toMatchObject({ bytes: bytes.length, sha256: sha256(bytes) });
      expect(got?.headers["content-length"]).toBe(String(bytes.length));
      expect(got?.headers["content-type"]).toBe("audio/mpeg");
      expect(got?.headers["transfer-encoding"]).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("passes method and headers through and returns status, status text and every answer header", async () => {
    sink.reply = (_req, res) => {
      res.statusMessage = "Made";
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.writeHead(201, { "x-seen": "yes", "content-type": "text/plain" });
      res.end("created");
    };
    const res = await streamingFetch(new URL(`${origin}/v2/upload?x=1`), {
      method: "put",
      headers: { Authorization: "test-key", "Content-Type": "application/octet-stream", "X-Custom": "v" },
      body: new Blob(["hello"]),
    });
    expect(res.status).toBe(201);
    expect(res.statusText).toBe("Made");
    expect(res.headers.get("x-seen")).toBe("yes");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await res.text()).toBe("created");
    const got = sink.received[0];
    expect(got?.method).toBe("PUT");
    expect(got?.url).toBe("/v2/upload?x=1");
    expect(got?.headers).toMatchObject({ authorization: "test-key", "content-type": "application/octet-stream", "x-custom": "v", "content-length": "5" });
  });

  it("sends other bodies (strings, bytes, none) through the fallback fetch", async () => {
    const res = await streamingFetch(`${origin}/v2/transcript`, { method: "POST", body: JSON.stringify({ a: 1 }), headers: { "content-type": "application/json" } });
    expect(await res.json()).toMatchObject({ bytes: 7 });
    await (await streamingFetch(`${origin}/v2/transcript/1`)).text();
    await (await streamingFetch(`${origin}/v2/upload`, { method: "POST", body: new Uint8Array([1, 2, 3]) })).text();
    expect(fallbackCalls).toBe(3);
    expect(sink.received.map((r) => r.method)).toEqual(["POST", "GET", "POST"]);
  });

  it("gives a null body for a 204 answer and decodes a gzip answer", async () => {
    sink.reply = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    const empty = await streamingFetch(`${origin}/x`, { method: "POST", body: new Blob(["a"]) });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    sink.reply = (_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "content-type": "application/json" });
      res.end(gzipSync(JSON.stringify({ upload_url: "u" })));
    };
    const zipped = await streamingFetch(`${origin}/x`, { method: "POST", body: new Blob(["a"]) });
    expect(await zipped.json()).toEqual({ upload_url: "u" });
  });

  it("aborts a running upload when the signal fires: rejects with the signal's reason and cancels the body", async () => {
    const controller = new AbortController();
    // An endless body: only the abort can end this request.
    const { stream, state } = generated(Number.MAX_SAFE_INTEGER, 64 * 1024);
    sink.onData = () => {
      if (sink.liveBytes > 0 && !controller.signal.aborted) controller.abort();
    };
    sink.liveBytes = 0;
    const err = await streamingFetch(`${origin}/v2/upload`, { method: "POST", body: stream, signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe("AbortError");
    await expect.poll(() => state.cancelled).toBe(true);
    expect(sink.received).toHaveLength(0);
  });

  it("rejects at once with the signal's reason when the signal is already aborted, sending nothing", async () => {
    const reason = new Error("stop");
    const { stream, state } = generated(4, 1024);
    const err = await streamingFetch(`${origin}/v2/upload`, { method: "POST", body: stream, signal: AbortSignal.abort(reason) }).catch((e: unknown) => e);
    expect(err).toBe(reason);
    expect(state.pulls).toBe(0);
    expect(sink.received).toHaveLength(0);
  });

  it("rejects a refused connection like fetch: TypeError 'fetch failed' with cause code ECONNREFUSED", async () => {
    const closed = new Sink();
    const deadOrigin = await closed.listen();
    await closed.close();
    const { stream } = generated(4, 1024);
    const err = await streamingFetch(`${deadOrigin}/v2/upload`, { method: "POST", body: stream }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe("fetch failed");
    expect(((err as Error).cause as { code?: string }).code).toBe("ECONNREFUSED");
  });

  it("rejects a GET with a body and an unparsable URL with a TypeError, as fetch does", async () => {
    await expect(streamingFetch(`${origin}/x`, { method: "GET", body: new Blob(["a"]) })).rejects.toThrow(TypeError);
    await expect(streamingFetch("not a url", { method: "POST", body: new Blob(["a"]) })).rejects.toThrow(TypeError);
  });

  it("tells streaming bodies from the rest", () => {
    expect(isStreamingBody(new Blob(["a"]))).toBe(true);
    expect(isStreamingBody(new ReadableStream())).toBe(true);
    expect(isStreamingBody("a")).toBe(false);
    expect(isStreamingBody(new Uint8Array(1))).toBe(false);
    expect(isStreamingBody(undefined)).toBe(false);
  });

  it("streams 64 MiB without keeping it: sent chunks can be collected and the producer stays near the server", async () => {
    // Memory shape, not timing. undici's fetch keeps every chunk of a stream body until the request
    // ends (nodejs/undici#4058): with it, none of the first 512 chunks can be collected halfway
    // through (measured: 0 of 512). Here they can. And pulls are answered only as the socket drains,
    // so produced minus received stays within the socket and kernel buffers (~4.5 MiB measured).
    const gc = exposedGc();
    const chunkSize = 64 * 1024;
    const count = 1024;
    const expectedSha = generatedSha(count, chunkSize);
    let pulls = 0;
    let maxAhead = 0;
    let collected = 0;
    let collectedByHalf = -1;
    const registry = new FinalizationRegistry(() => {
      collected++;
    });
    sink.liveBytes = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          maxAhead = Math.max(maxAhead, pulls * chunkSize - sink.liveBytes);
          if (pulls === count / 2 && gc) {
            for (let i = 0; i < 50 && collected < count / 4; i++) {
              gc();
              await new Promise((resolve) => setImmediate(resolve));
            }
            collectedByHalf = collected;
          }
          if (pulls === count) {
            controller.close();
            return;
          }
          const chunk = chunkOf(pulls++, chunkSize);
          registry.register(chunk.buffer, undefined);
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const res = await streamingFetch(`${origin}/v2/upload`, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(await res.json()).toMatchObject({ bytes: count * chunkSize, sha256: expectedSha });
    expect(pulls).toBe(count);
    expect(maxAhead).toBeLessThan(16 * 1024 * 1024);
    if (gc) expect(collectedByHalf).toBeGreaterThanOrEqual(count / 4);
    else console.warn("streaming-fetch.test: global gc unavailable, chunk retention not checked");
  });
});

describe("createPooledFetch with core's TranscriptsClient", () => {
  it("uploads a file-backed Blob through the streaming path, retrying it whole after a 503", async () => {
    const sink = new Sink();
    let calls = 0;
    sink.reply = (req, res, got) => {
      if (++calls === 1) {
        res.writeHead(503, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "busy" }));
        return;
      }
      replyJson(req, res, got);
    };
    const origin = await sink.listen();
    const pooled = createPooledFetch(1);
    const dir = await mkdtemp(join(tmpdir(), "soap-streaming-fetch-"));
    try {
      const bytes = randomBytes(1024 * 1024 + 5);
      const path = join(dir, "visit.wav");
      await writeFile(path, bytes);
      const client = new TranscriptsClient({ apiKey: "test-key", baseUrl: origin, gatewayBaseUrl: origin, fetch: pooled.fetch, sleep: async () => undefined, maxRetries: 1 });
      const up = await client.upload(await openAsBlob(path));
      expect(up.upload_url).toBe("https://cdn.example/upload/1");
      expect(sink.received.map((r) => [r.bytes, r.sha256])).toEqual([
        [bytes.length, sha256(bytes)],
        [bytes.length, sha256(bytes)],
      ]);
    } finally {
      await pooled.close();
      await sink.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("maps a refused upload connection to core's ConnectionError with code ECONNREFUSED", async () => {
    const closed = new Sink();
    const deadOrigin = await closed.listen();
    await closed.close();
    const pooled = createPooledFetch(1);
    try {
      const client = new TranscriptsClient({ apiKey: "test-key", baseUrl: deadOrigin, gatewayBaseUrl: deadOrigin, fetch: pooled.fetch, maxRetries: 0 });
      const err = await client.upload(new Blob(["audio"]).stream()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionError);
      expect((err as ConnectionError).code).toBe("ECONNREFUSED");
    } finally {
      await pooled.close();
    }
  });
});
