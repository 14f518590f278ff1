import { describe, expect, it } from "vitest";
import { createSandbox, DEFAULT_MODELS, MODEL_CATALOGUE, type GatewayModelInfo } from "../../index.js";
import { api, type Json } from "../test-support/http.js";
import { manualTime, tinyFixture } from "../test-support/fixtures.js";

const CLAUDE = "claude-sonnet-4-5-20250929";

async function setup(options: Parameters<typeof createSandbox>[0] = {}) {
  const time = manualTime();
  const sb = createSandbox({ fixtures: [await tinyFixture()], clock: time.clock, scheduler: time.scheduler, queuedMs: 0, processingMs: 0, ...options });
  const a = api(sb);
  const id = (await a.create({ speaker_labels: true })).json["id"] as string;
  const models = async () => ((await (await sb.fetch("https://llm-gateway.assemblyai.com/v1/models")).json()) as Json)["data"] as Json[];
  const chat = (model: string) => a.post("/v1/chat/completions", { model, transcript_id: id, messages: [{ role: "user", content: "<transcript>\n{{ transcript }}\n</transcript>" }] });
  const understanding = (extra: Record<string, unknown>) =>
    a.post("/v1/understanding", { transcript_id: id, speech_understanding: { request: { speaker_identification: { speaker_type: "role", known_values: ["clinician", "patient"] } } }, ...extra });
  return { sb, a, id, models, chat, understanding };
}

describe("the per-region model catalogue", () => {
  it("is fixture data: the EU catalogue has Claude and Gemini and no gpt-* model, the US one has all three providers", () => {
    expect(MODEL_CATALOGUE.eu.length).toBeGreaterThan(0);
    expect(MODEL_CATALOGUE.eu.filter((m) => m.id.startsWith("gpt-"))).toEqual([]);
    expect(new Set(MODEL_CATALOGUE.eu.map((m) => m.provider))).toEqual(new Set(["anthropic", "google"]));
    expect(new Set(MODEL_CATALOGUE.us.map((m) => m.provider))).toEqual(new Set(["anthropic", "google", "openai"]));
    expect(MODEL_CATALOGUE.us.map((m) => m.id)).toEqual(DEFAULT_MODELS.map((m) => m.id));
    for (const m of DEFAULT_MODELS) expect(m.available_regions).toEqual(m.id.startsWith("gpt-") ? ["us"] : ["us", "eu"]);
  });
});

describe("GET /v1/models", () => {
  it("lists the US catalogue by default, each model with available_regions, without auth", async () => {
    const { models } = await setup();
    const list = await models();
    expect(list.map((m) => m["id"])).toEqual(MODEL_CATALOGUE.us.map((m) => m.id));
    expect(list.map((m) => m["id"])).toContain("gpt-5");
    for (const m of list) expect(m).toMatchObject({ available_regions: expect.arrayContaining(["us"]), supported_parameters: expect.any(Array) });
  });

  it("lists only the EU catalogue when the sandbox emulates the EU gateway", async () => {
    const { models } = await setup({ region: "eu" });
    const list = await models();
    expect(list.map((m) => m["id"])).toEqual(MODEL_CATALOGUE.eu.map((m) => m.id));
    expect(list.some((m) => String(m["id"]).startsWith("gpt-"))).toBe(false);
    for (const m of list) expect(m["available_regions"]).toContain("eu");
  });

  it("serves a custom catalogue filtered by the region", async () => {
    const custom: GatewayModelInfo[] = [
      { id: "eu-only", provider: "anthropic", supported_parameters: [], available_regions: ["eu"], retirement_date: null },
      { id: "us-only", provider: "openai", supported_parameters: [], available_regions: ["us"], retirement_date: "2027-01-01" },
    ];
    expect((await (await setup({ region: "eu", models: custom })).models()).map((m) => m["id"])).toEqual(["eu-only"]);
    expect((await (await setup({ models: custom })).models()).map((m) => m["id"])).toEqual(["us-only"]);
  });
});

describe("model enforcement on chat and understanding", () => {
  it("refuses an OpenAI model on the EU gateway with 404 and the documented envelope, naming the region's models", async () => {
    const { chat, sb } = await setup({ region: "eu" });
    const res = await chat("gpt-5");
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: {
        code: 404,
        message: expect.stringContaining('"gpt-5" is not available in the EU region'),
        metadata: { model: "gpt-5", region: "eu", available_models: MODEL_CATALOGUE.eu.map((m) => m.id) },
      },
    });
    expect(sb.state.chatRequests).toHaveLength(0);
    expect((await chat(CLAUDE)).status).toBe(200);
    expect((await chat("gemini-2.5-flash")).status).toBe(200);
  });

  it("accepts OpenAI models in the US and refuses unknown ids in both regions", async () => {
    const us = await setup();
    expect((await us.chat("gpt-5")).status).toBe(200);
    const unknown = await us.chat("m");
    expect(unknown.status).toBe(404);
    expect(unknown.json["error"]["message"]).toContain("is not a model of the LLM Gateway's US region");
    expect((await (await setup({ region: "eu" })).chat("claude-sonnet-9")).status).toBe(404);
  });

  it("checks the model before anything else the request asks for (a refused model with an unknown transcript is still 404 model)", async () => {
    const { a } = await setup({ region: "eu" });
    const res = await a.post("/v1/chat/completions", { model: "gpt-4.1", prompt: "x", transcript_id: "missing" });
    expect(res.status).toBe(404);
    expect(res.json["error"]["metadata"]).toMatchObject({ model: "gpt-4.1" });
  });

  it("checks a model named on /v1/understanding (which needs none)", async () => {
    const { understanding } = await setup({ region: "eu" });
    expect((await understanding({})).status).toBe(200);
    expect((await understanding({ model: CLAUDE })).status).toBe(200);
    const refused = await understanding({ model: "gpt-5" });
    expect(refused.status).toBe(404);
    expect(refused.json["error"]).toMatchObject({ code: 404, metadata: { model: "gpt-5", region: "eu" } });
  });
});
