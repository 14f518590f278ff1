import { describe, expect, it } from "vitest";
import { SeedFlow, SeedFlowError, seedChatRequest, type FetchLike } from "./seed-flow.js";
import { SEED_METHOD1_PROMPT, SEED_METHOD2_QUESTIONS, SEED_MODEL } from "./seed-prompts.js";

interface Call {
  url: string;
  init: RequestInit | undefined;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** A fake API: answers by path, records every call, can hold chat answers to observe concurrency. */
function fakeApi(o: { statuses?: string[]; failAt?: string } = {}) {
  const calls: Call[] = [];
  const statuses = [...(o.statuses ?? ["completed"])];
  let inFlight = 0;
  let mostInFlight = 0;
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const path = new URL(url).pathname;
    if (o.failAt && path.endsWith(o.failAt)) return json({ error: "Too many requests" }, 429);
    if (path === "/v2/upload") return json({ upload_url: "https://cdn.example/upload/1" });
    if (path === "/v2/transcript") return json({ id: "t-1", status: "queued" });
    if (path === "/v2/transcript/t-1") return json({ id: "t-1", status: statuses.shift() ?? "completed", text: "hello" });
    if (path === "/v1/chat/completions") {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return json({ choices: [{ message: { content: `  answer ${calls.length}  ` } }] });
    }
    return json({ error: "not found" }, 404);
  };
  return { calls, fetch, mostInFlight: () => mostInFlight };
}

const bodyOf = (c: Call | undefined): Record<string, unknown> => JSON.parse(String(c?.init?.body)) as Record<string, unknown>;

describe("SeedFlow (the tutorial's request shapes)", () => {
  it("uploads the whole file's bytes as the raw body with the key in Authorization", async () => {
    const api = fakeApi();
    const flow = new SeedFlow({ apiKey: "k", baseUrl: "https://api.example/", gatewayBaseUrl: "https://gw.example", fetch: api.fetch });
    const bytes = new Uint8Array([1, 2, 3]);
    expect(await flow.upload(bytes)).toBe("https://cdn.example/upload/1");
    expect(api.calls[0]?.url).toBe("https://api.example/v2/upload");
    expect(api.calls[0]?.init?.method).toBe("POST");
    expect(api.calls[0]?.init?.body).toBe(bytes);
    expect(api.calls[0]?.init?.headers).toEqual({ authorization: "k" });
  });

  it("creates the transcript with the tutorial's speech model and PII redaction", async () => {
    const api = fakeApi();
    const flow = new SeedFlow({ apiKey: "k", baseUrl: "https://api.example", gatewayBaseUrl: "https://gw.example", fetch: api.fetch });
    expect(await flow.createTranscript("https://cdn.example/upload/1")).toBe("t-1");
    expect(bodyOf(api.calls[0])).toEqual({
      audio_url: "https://cdn.example/upload/1",
      speech_models: ["universal-3-pro"],
      redact_pii: true,
      redact_pii_policies: ["person_name", "organization", "occupation"],
      redact_pii_sub: "hash",
    });
  });

  it("polls with a fixed 3 s sleep until completed", async () => {
    const api = fakeApi({ statuses: ["queued", "processing", "processing", "completed"] });
    const slept: number[] = [];
    const flow = new SeedFlow({ apiKey: "k", baseUrl: "https://api.example", gatewayBaseUrl: "https://gw.example", fetch: api.fetch, sleep: async (ms) => void slept.push(ms) });
    const r = await flow.poll("t-1");
    expect(r.polls).toBe(4);
    expect(slept).toEqual([3000, 3000, 3000]);
  });

  it("throws on a failed transcript, as the tutorial does", async () => {
    const api = fakeApi({ statuses: ["error"] });
    const flow = new SeedFlow({ apiKey: "k", baseUrl: "https://api.example", gatewayBaseUrl: "https://gw.example", fetch: api.fetch, sleep: async () => {} });
    await expect(flow.poll("t-1")).rejects.toThrow(/Transcription failed/);
  });

  it("sends Method 1 as one request: prompt, the {{ transcript }} placeholder, transcript_id, 2000 tokens", async () => {
    const api = fakeApi();
    const flow = new SeedFlow({ apiKey: "k", baseUrl: "https://api.example", gatewayBaseUrl: "https://gw.example/", fetch: api.fetch });
    expect(await flow.method1("t-1")).toBe("answer 1");
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]?.url).toBe("https://gw.example/v1/chat/completions");
    expect(bodyOf(api.calls[0])).toEqual({
      model: SEED_MODEL,
      messages: [{ role: "user", content: `${SEED_METHOD1_PROMPT}\n\n{{ transcript }}` }],
      transcript_id: "t-1",
      max_tokens: 2000,
    });
  });

  it("sends Method 2 as four requests one after another, 1000 tokens each, in S-O-A-P order", async () => {
    const api = fakeApi();
    const flow = new SeedFlow({ apiKey: "k", baseUrl: "https://api.example", gatewayBaseUrl: "https://gw.example", fetch: api.fetch });
    const sections = await flow.method2("t-1");
    expect(sections.map((s) => s.section)).toEqual(["Subjective", "Objective", "Assessment", "Plan"]);
    expect(api.calls).toHaveLength(4);
    expect(api.mostInFlight()).toBe(1);
    api.calls.forEach((c, i) => {
      const body = bodyOf(c);
      expect(body["max_tokens"]).toBe(1000);
      const content = (body["messages"] as { content: string }[])[0]?.content ?? "";
      expect(content).toContain(SEED_METHOD2_QUESTIONS[i]?.question);
      expect(content.endsWith("{{ transcript }}")).toBe(true);
    });
  });

  it("fails the call on a 429 instead of retrying (the tutorial has no retries)", async () => {
    const api = fakeApi({ failAt: "/v2/transcript" });
    const flow = new SeedFlow({ apiKey: "k", baseUrl: "https://api.example", gatewayBaseUrl: "https://gw.example", fetch: api.fetch });
    const err = await flow.createTranscript("u").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SeedFlowError);
    expect((err as SeedFlowError).status).toBe(429);
    expect(api.calls).toHaveLength(1);
  });

  it("builds the gateway body without any key", () => {
    expect(JSON.stringify(seedChatRequest("p", "t-1", 5))).not.toContain("authorization");
  });
});
