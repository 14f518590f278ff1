// Runs inside workerd: imports the built package by its name (resolved to dist/) and completes the
// upload -> create -> wait -> chat flow against a fake fetch. No network.
import { describe, expect, it } from "vitest";
import { GatewayClient, TranscriptFailedError, TranscriptsClient } from "@org/soap-core";

const KEY = "workerd-test-key";
const ID = "5551722-f677-48a6-9287-39c0aafd9ac1";

function fakeAssemblyAI() {
  const seen: { method: string; url: string; auth: string | null; duplex: unknown; bodyIsStream: boolean }[] = [];
  let polls = 0;
  const fetchImpl = async function (this: unknown, input: RequestInfo | URL, init: RequestInit & { duplex?: string } = {}) {
    if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
    const url = new URL(String(input));
    const method = init.method ?? "GET";
    seen.push({ method, url: url.toString(), auth: new Headers(init.headers).get("authorization"), duplex: init.duplex, bodyIsStream: init.body instanceof ReadableStream });
    const json = (b: unknown, status = 200) => new Response(JSON.stringify(b), { status, headers: { "content-type": "application/json" } });
    if (method === "POST" && url.pathname === "/v2/upload") {
      if (init.body instanceof ReadableStream) await new Response(init.body).arrayBuffer(); // drain like a server
      return json({ upload_url: "https://cdn.assemblyai.com/upload/abc" });
    }
    if (method === "POST" && url.pathname === "/v2/transcript") return json({ id: ID, status: "queued", audio_url: "https://cdn.assemblyai.com/upload/abc" });
    if (method === "GET" && url.pathname === `/v2/transcript/${ID}`) {
      polls++;
      if (polls < 3) return json({ id: ID, status: "processing" });
      return json({
        id: ID,
        status: "completed",
        text: "Hello doctor.",
        words: [{ text: "Hello", start: 0, end: 400, confidence: 0.99, speaker: "B" }],
        utterances: [{ speaker: "B", start: 0, end: 800, text: "Hello doctor.", confidence: 0.99, words: [] }],
      });
    }
    if (method === "GET" && url.pathname === "/v2/transcript/failed-1") return json({ id: "failed-1", status: "error", error: "Audio duration is too short." });
    if (method === "POST" && url.pathname === "/v1/chat/completions") {
      return json({ request_id: "r1", choices: [{ message: { role: "assistant", content: "S: greets." }, finish_reason: "stop" }], usage: { prompt_tokens: 10, completion_tokens: 4 } });
    }
    return json({ error: "Not found" }, 404);
  };
  return { fetch: fetchImpl as typeof fetch, seen };
}

describe("@org/soap-core in workerd", () => {
  it("runs without Node globals", () => {
    expect(typeof fetch).toBe("function");
    expect(typeof (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent).toBe("string");
    expect((globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent).toContain("Cloudflare-Workers");
  });

  it("uploads a stream, transcribes, waits and chats", async () => {
    const fake = fakeAssemblyAI();
    const noSleep = async () => {};
    const opts = { apiKey: KEY, region: "eu" as const, fetch: fake.fetch, sleep: noSleep };
    const transcripts = new TranscriptsClient({ ...opts, defaultSpeechModels: ["universal-3-pro"] });
    const gateway = new GatewayClient(opts);

    const audio = new Blob([new Uint8Array(1024)]).stream();
    const { upload_url } = await transcripts.upload(audio);
    const created = await transcripts.create({ audio_url: upload_url, speaker_labels: true, domain: "medical-v1" });
    const polled: string[] = [];
    const done = await transcripts.wait(created.id, { onPoll: (t) => polled.push(t.status) });
    const note = await gateway.chat({
      model: "claude-sonnet-4-5-20250929",
      transcript_id: done.id,
      messages: [{ role: "user", content: "Write a SOAP note.\n<transcript>\n{{ transcript }}\n</transcript>" }],
      max_tokens: 500,
    });

    expect(done.text).toBe("Hello doctor.");
    expect(polled).toEqual(["processing", "processing", "completed"]);
    expect(note.choices[0]?.message.content).toBe("S: greets.");
    expect(note.usage).toEqual({ input_tokens: 10, output_tokens: 4, total_tokens: 14 });
    expect(fake.seen[0]).toMatchObject({ method: "POST", duplex: "half", bodyIsStream: true, auth: KEY });
    expect(new Set(fake.seen.map((s) => new URL(s.url).host))).toEqual(new Set(["api.eu.assemblyai.com", "llm-gateway.eu.assemblyai.com"]));
  });

  it("throws the typed error for a failed transcript", async () => {
    const fake = fakeAssemblyAI();
    const transcripts = new TranscriptsClient({ apiKey: KEY, fetch: fake.fetch, sleep: async () => {} });
    const err = await transcripts.wait("failed-1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TranscriptFailedError);
    expect((err as TranscriptFailedError).transcriptId).toBe("failed-1");
  });

  it("picks the runtime's global fetch by default", () => {
    expect(() => new TranscriptsClient({ apiKey: KEY })).not.toThrow();
    expect(() => new GatewayClient({ apiKey: KEY })).not.toThrow();
  });
});

describe("@org/soap-core in a Worker without nodejs_compat", () => {
  it("completes the transcribe-then-chat flow with no Node globals present", async () => {
    const { env } = await import("cloudflare:workers");
    const res = await env.CORE_NO_COMPAT.fetch("https://core-no-compat/");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      text: "Hi.",
      answer: "Plan: rest.",
      usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
      hasProcess: false,
      hasBuffer: false,
    });
  });
});
