import { describe, expect, it } from "vitest";
import { GatewayClient } from "../clients/gateway/gateway-client.js";
import { TranscriptsClient } from "../clients/transcripts/transcripts-client.js";
import { TimeoutError } from "../errors/transport-errors.js";
import { fakeFetch, fakeTime, json, type FakeFetch, type RecordedCall } from "../internal/test-support/fake-fetch.js";
import { PROGRESS_CHUNK_BYTES, requestStreamsSupported } from "./body-progress.js";

const KEY = "aai-timeouts-key-1234567890";
const AUDIO = "https://cdn.assemblyai.com/upload/f756988d";
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

function transcripts(f: FakeFetch, extra: { uploadIdleTimeoutMs?: number; timeoutMs?: number } = {}) {
  const time = fakeTime();
  return new TranscriptsClient({ apiKey: KEY, fetch: f.fetch, sleep: time.sleep, now: time.now, random: () => 0.5, ...extra });
}

/** A server that reads the request body one chunk per `everyMs`, then answers. */
function slowReader(everyMs: number): FakeFetch & { received: () => number } {
  let received = 0;
  const f = fakeFetch(async (call: RecordedCall) => {
    const reader = (call.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      received += next.value.byteLength;
      await delay(everyMs);
    }
    return json({ upload_url: AUDIO });
  });
  return Object.assign(f, { received: () => received });
}

describe("upload timeouts: inactivity, not total time", () => {
  it("this runtime can send request streams (so progress is observable)", () => {
    expect(requestStreamsSupported()).toBe(true);
  });

  // Real timers: each gap between chunks (100 ms) stays far below the idle timeout (600 ms), so a
  // loaded CI machine that stalls the event loop for a few hundred ms cannot make these fail.
  it("an upload that keeps moving outlives its idle timeout many times over", async () => {
    const f = slowReader(100);
    const bytes = new Uint8Array(20 * PROGRESS_CHUNK_BYTES); // 20 chunks, ~2 s in all: over 3 idle timeouts
    await expect(transcripts(f, { uploadIdleTimeoutMs: 600, timeoutMs: 600 }).upload(bytes)).resolves.toEqual({ upload_url: AUDIO });
    expect(f.received()).toBe(bytes.byteLength);
    expect(f.calls).toHaveLength(1);
  });

  it("a streamed upload that keeps moving is not cut off either", async () => {
    const f = slowReader(100);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent === 10) return c.close();
        sent++;
        c.enqueue(new Uint8Array(1000));
      },
    });
    await expect(transcripts(f, { uploadIdleTimeoutMs: 600 }).upload(stream)).resolves.toEqual({ upload_url: AUDIO });
    expect(f.received()).toBe(10_000);
  });

  it("an upload whose bytes stop moving times out, says so, and is retried (bytes can be resent)", async () => {
    const f = fakeFetch(async (call) => {
      const reader = (call.body as ReadableStream<Uint8Array>).getReader();
      await reader.read(); // one chunk, then the connection stalls
      return "hang" as const;
    });
    const err = await transcripts(f, { uploadIdleTimeoutMs: 60 })
      .upload(new Uint8Array(3 * PROGRESS_CHUNK_BYTES))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toMatch(/POST \/v2\/upload timed out: nothing was sent or received for 60 ms/);
    expect(f.calls).toHaveLength(3); // first attempt + 2 retries
  });

  it("a per-call timeoutMs is the upload's idle timeout", async () => {
    const f = fakeFetch(() => "hang");
    const err = await transcripts(f, { uploadIdleTimeoutMs: 60_000 })
      .upload(new Uint8Array(10), { timeoutMs: 30, maxRetries: 0 })
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/nothing was sent or received for 30 ms/);
  });
});

function gateway(f: FakeFetch, extra: { timeoutMs?: number; chatTimeoutPerTokenMs?: number; retryOnTimeout?: boolean } = {}) {
  const time = fakeTime();
  return new GatewayClient({ apiKey: KEY, fetch: f.fetch, sleep: time.sleep, now: time.now, random: () => 0.5, checkModels: false, ...extra });
}

const chatAnswer = () =>
  json({ request_id: "r", choices: [{ message: { role: "assistant", content: "ok" }, finish_reason: "stop" }], usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } });

/** Answers after `ms`, like a model writing a long note. */
function answersAfter(ms: number): FakeFetch {
  return fakeFetch(async (call) => {
    const signal = call.init.signal ?? undefined;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(resolve, ms);
      signal?.addEventListener("abort", () => (clearTimeout(t), reject(signal.reason)), { once: true });
    });
    return chatAnswer();
  });
}

const ask = (maxTokens?: number) => ({ model: "m", messages: [{ role: "user" as const, content: "Write the note." }], ...(maxTokens ? { max_tokens: maxTokens } : {}) });

describe("chat timeouts: sized for max_tokens, never retried after a timeout unless asked", () => {
  it("a long answer gets time for every token it may write", async () => {
    // timeoutMs alone (40 ms) would cut the 300 ms answer off; 40 + 4000 × 0.5 = 2,040 ms does not
    // (a wide margin, so a stalled event loop on a loaded machine cannot fail it).
    const f = answersAfter(300);
    await expect(gateway(f, { timeoutMs: 40, chatTimeoutPerTokenMs: 0.5 }).chat(ask(4000))).resolves.toMatchObject({ request_id: "r" });
  });

  it("a small max_tokens keeps a short timeout", async () => {
    const f = answersAfter(5000);
    const err = await gateway(f, { timeoutMs: 40, chatTimeoutPerTokenMs: 0.05, }).chat(ask(100)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toMatch(/timed out after 45 ms/);
  });

  it("without max_tokens the gateway's default of 1000 sizes it", async () => {
    const f = fakeFetch(() => "hang");
    const err = await gateway(f, { timeoutMs: 10, chatTimeoutPerTokenMs: 0.02, }).chat(ask()).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/timed out after 30 ms/);
  });

  it("a timed-out chat is not sent again (it may be billed), and the error says how to opt in", async () => {
    const f = fakeFetch(() => "hang");
    const err = await gateway(f, { timeoutMs: 20, chatTimeoutPerTokenMs: 0 }).chat(ask(10)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(f.calls).toHaveLength(1);
    expect((err as Error).message).toMatch(/Not retried: the gateway may still be writing \(and billing\)/);
    expect((err as Error).message).toMatch(/retryOnTimeout: true/);
  });

  it("opting in per client or per call retries after a timeout", async () => {
    const hang = (): FakeFetch => fakeFetch(() => "hang");
    const perClient = hang();
    await gateway(perClient, { timeoutMs: 20, chatTimeoutPerTokenMs: 0, retryOnTimeout: true }).chat(ask(10)).catch(() => undefined);
    expect(perClient.calls).toHaveLength(3);
    const perCall = hang();
    await gateway(perCall, { timeoutMs: 20, chatTimeoutPerTokenMs: 0 }).chat(ask(10), { retryOnTimeout: true }).catch(() => undefined);
    expect(perCall.calls).toHaveLength(3);
  });

  it("other failures of a chat are still retried (a 503 produced no answer)", async () => {
    let n = 0;
    const f = fakeFetch(() => (n++ === 0 ? json({ error: { code: 503, message: "busy" } }, 503) : chatAnswer()));
    await expect(gateway(f).chat(ask(10))).resolves.toMatchObject({ request_id: "r" });
    expect(f.calls).toHaveLength(2);
  });

  it("a per-call timeoutMs replaces the sized timeout", async () => {
    const f = fakeFetch(() => "hang");
    const err = await gateway(f, { timeoutMs: 60_000 }).chat(ask(4000), { timeoutMs: 25 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/timed out after 25 ms/);
  });
});
