import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyAudio, tinyFixture } from "./internal/test-support/fixtures.js";
import type { Json } from "./internal/test-support/http.js";
import { serve, type ServedSandbox } from "./node.js";

const json = async (res: Response | Promise<Response>): Promise<Json> => (await (await res).json()) as Json;

describe("serve over HTTP on 127.0.0.1", () => {
  let served: ServedSandbox;
  const h = { authorization: "sandbox-demo-key" };

  beforeAll(async () => {
    served = await serve({ port: 0, fixtures: [await tinyFixture()], queuedMs: 0, processingMs: 0 });
  });
  afterAll(async () => {
    await served.close();
  });

  it("listens on a free loopback port and prints base URLs for both APIs", () => {
    expect(served.hostname).toBe("127.0.0.1");
    expect(served.port).toBeGreaterThan(0);
    expect(served.apiBaseUrl).toBe(`http://127.0.0.1:${served.port}`);
    expect(served.gatewayBaseUrl).toBe(served.apiBaseUrl);
  });

  it("recognises a fixture uploaded over HTTP as a chunked stream of odd-sized pieces", async () => {
    const audio = tinyAudio();
    let pos = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pos >= audio.length) return controller.close();
        controller.enqueue(audio.slice(pos, pos + 5));
        pos += 5;
      },
    });
    const init = { method: "POST", headers: { ...h, "content-type": "application/octet-stream" }, body, duplex: "half" };
    const up = await json(fetch(`${served.apiBaseUrl}/v2/upload`, init as RequestInit));
    const id = String(up.upload_url).split("/").pop() ?? "";
    expect(served.sandbox.state.uploads.get(id)?.sha256).toBe(served.sandbox.fixtures[0]?.audio.sha256);
    expect(served.sandbox.state.uploads.get(id)?.size).toBe(audio.byteLength);
  });

  it("runs upload -> transcript -> chat end to end", async () => {
    const base = served.apiBaseUrl;
    const up = await json(fetch(`${base}/v2/upload`, { method: "POST", headers: { ...h, "content-type": "application/octet-stream" }, body: tinyAudio() }));
    expect(up.upload_url).toMatch(new RegExp(`^${base}/upload/`));
    const created = await json(fetch(`${base}/v2/transcript`, { method: "POST", headers: { ...h, "content-type": "application/json" }, body: JSON.stringify({ audio_url: up.upload_url, speech_models: ["universal-3-pro"], speaker_labels: true }) }));
    let t = created;
    for (const deadline = Date.now() + 10_000; t.status !== "completed" && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 10));
      t = await json(fetch(`${base}/v2/transcript/${created.id}`, { headers: h }));
    }
    expect(t.status).toBe("completed");
    const chat = await fetch(`${served.gatewayBaseUrl}/v1/chat/completions`, { method: "POST", headers: h, body: JSON.stringify({ model: "claude-sonnet-4-5-20250929", transcript_id: t.id, messages: [{ role: "user", content: "<transcript>\n{{ transcript }}\n</transcript>" }] }) });
    expect(chat.headers.get("x-soap-sandbox")).toBe("emulator");
    expect((await json(chat)).choices[0].message.content).toContain("## Plan");
  });

  it("takes faults through the admin route and resets the connection by destroying the socket", async () => {
    const base = served.apiBaseUrl;
    const added = await fetch(`${base}/__sandbox/faults`, { method: "POST", body: JSON.stringify([{ route: "list", kind: "reset", times: 1 }, { route: "get", kind: "status", status: 503, times: 1 }]) });
    expect((await json(added)).ids).toHaveLength(2);
    const err = await fetch(`${base}/v2/transcript`, { headers: h }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((await fetch(`${base}/v2/transcript/x`, { headers: h })).status).toBe(503);
    const counters = await json(fetch(`${base}/__sandbox/counters`));
    expect(counters.routes.list.statuses.reset).toBe(1);
    expect(counters.routes.get.statuses["503"]).toBe(1);
  });

  it("hangs until the client's timeout", async () => {
    const base = served.apiBaseUrl;
    await fetch(`${base}/__sandbox/faults`, { method: "POST", body: JSON.stringify({ route: "models", kind: "hang", times: 1 }) });
    const started = Date.now();
    const err = await fetch(`${base}/v1/models`, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect((err as Error).name).toBe("TimeoutError");
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect((await fetch(`${base}/v1/models`)).status).toBe(200);
  });

  it("rejects a bad fault spec and resets state through the admin route", async () => {
    const base = served.apiBaseUrl;
    expect((await fetch(`${base}/__sandbox/faults`, { method: "POST", body: JSON.stringify({ route: "nope", kind: "status" }) })).status).toBe(400);
    expect((await fetch(`${base}/__sandbox/reset`, { method: "POST" })).status).toBe(200);
    const counters = await json(fetch(`${base}/__sandbox/counters`));
    expect(counters).toEqual({ routes: {}, transcriptsCreated: 0, uploads: 0, webhookAttempts: 0 });
  });
});
