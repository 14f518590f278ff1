import { describe, expect, it } from "vitest";
import { createSandbox } from "../../index.js";
import { sha256Hex } from "../crypto.js";
import { manualTime, tinyAudio, tinyFixture } from "../test-support/fixtures.js";
import { U3, api } from "../test-support/http.js";
import { hashBody } from "./v2-upload.js";

/** A request body stream that hands out `bytes` in the given chunk sizes (cycled). */
function chunked(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let pos = 0;
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pos >= bytes.length) return controller.close();
      const n = sizes[i++ % sizes.length] ?? 1;
      controller.enqueue(bytes.slice(pos, pos + n));
      pos += n;
    },
  });
}

async function setup() {
  const time = manualTime();
  const sb = createSandbox({ fixtures: [await tinyFixture()], clock: time.clock, scheduler: time.scheduler, queuedMs: 50, processingMs: 200 });
  return { sb, time, a: api(sb) };
}

function streamUpload(sb: ReturnType<typeof createSandbox>, body: ReadableStream<Uint8Array>) {
  return sb.fetch("https://api.assemblyai.com/v2/upload", {
    method: "POST",
    headers: { authorization: sb.apiKey, "content-type": "application/octet-stream" },
    body,
    duplex: "half",
  } as RequestInit);
}

describe("POST /v2/upload streams the body", () => {
  it("recognises a fixture uploaded as a stream in odd-sized chunks", async () => {
    const { sb, a, time } = await setup();
    const res = await streamUpload(sb, chunked(tinyAudio(), [1, 3, 7, 2]));
    expect(res.status).toBe(200);
    const uploadUrl = ((await res.json()) as { upload_url: string }).upload_url;
    const [upload] = [...sb.state.uploads.values()];
    expect(upload?.size).toBe(tinyAudio().byteLength);
    expect(upload?.sha256).toBe(sb.fixtures[0]?.audio.sha256);
    const created = await a.post("/v2/transcript", { ...U3, audio_url: uploadUrl });
    time.advance(300);
    sb.advance();
    const got = await a.get(`/v2/transcript/${created.json["id"]}`);
    expect(got.json["status"]).toBe("completed");
    expect(got.json["text"]).toContain("knee pain");
  });

  it("answers 400 for an empty body, whether sent as no body or as a stream of empty chunks", async () => {
    const { sb, a } = await setup();
    const none = await sb.fetch("https://api.assemblyai.com/v2/upload", { method: "POST", headers: { authorization: sb.apiKey } });
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({ error: "Upload failed: the request body is empty" });
    const emptyChunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(0));
        controller.enqueue(new Uint8Array(0));
        controller.close();
      },
    });
    const streamed = await streamUpload(sb, emptyChunks);
    expect(streamed.status).toBe(400);
    expect(await streamed.json()).toEqual({ error: "Upload failed: the request body is empty" });
    expect((await a.upload(new Uint8Array(0))).status).toBe(400);
    expect(sb.state.uploads.size).toBe(0);
  });

  it("hashBody counts the bytes and digests them like Web Crypto, keeping none", async () => {
    const bytes = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 131) & 255);
    expect(await hashBody(chunked(bytes, [4093, 1, 65_536, 17]))).toEqual({ sha256: await sha256Hex(bytes), size: 70_001 });
    expect(await hashBody(null)).toEqual({ sha256: await sha256Hex(new Uint8Array(0)), size: 0 });
  });
});
