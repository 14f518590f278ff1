import { describe, expect, it } from "vitest";
import { AuthenticationError, InternalServerError, NotFoundError, RateLimitError } from "../../errors/api-errors.js";
import { RequestValidationError, ResponseValidationError } from "../../errors/response-validation-error.js";
import { AbortError } from "../../errors/transport-errors.js";
import { fakeFetch, fakeTime, json, netError, sequence, type FakeAnswer, type FakeFetch, type RecordedCall } from "../../internal/test-support/fake-fetch.js";
import { GatewayClient, type GatewayClientOptions } from "./gateway-client.js";

const KEY = "gw-key-abcdef123456";
const completion = (usage: Record<string, number>) => ({
  request_id: "req-1",
  choices: [{ message: { role: "assistant", content: "SOAP note" }, finish_reason: "stop" }],
  request: { model: "claude-sonnet-4-5-20250929", max_tokens: 1000 },
  usage,
});

/** A client over `f`. The model check is off here (these tests script every answer); it has its own describe below. */
function client(f: FakeFetch, extra: Partial<GatewayClientOptions> = {}) {
  const time = fakeTime();
  return { c: new GatewayClient({ apiKey: KEY, fetch: f.fetch, sleep: time.sleep, now: time.now, random: () => 0.5, checkModels: false, ...extra }), time };
}

const basic = { model: "claude-sonnet-4-5-20250929", messages: [{ role: "user" as const, content: "Hello" }], max_tokens: 100 };

describe("GatewayClient.chat", () => {
  it("posts to /v1/chat/completions with the raw key and returns the completion", async () => {
    const f = sequence(json(completion({ input_tokens: 15, output_tokens: 8, total_tokens: 23 })));
    const res = await client(f).c.chat({
      ...basic,
      temperature: 0.2,
      transcript_id: "tr-1",
      messages: [{ role: "user", content: "Note:\n<transcript>\n{{ transcript }}\n</transcript>" }],
      response_format: { type: "json_schema", json_schema: { name: "soap", schema: { type: "object" }, strict: true } },
      top_p: 0.9,
    });
    expect(res.choices[0]!.message.content).toBe("SOAP note");
    const call = f.calls[0]!;
    expect(call.url).toBe("https://llm-gateway.assemblyai.com/v1/chat/completions");
    expect(call.headers.get("authorization")).toBe(KEY);
    const sent = JSON.parse(call.body as string) as Record<string, unknown>;
    expect(sent).toMatchObject({ transcript_id: "tr-1", temperature: 0.2, top_p: 0.9, max_tokens: 100 });
    expect(sent["response_format"]).toMatchObject({ type: "json_schema", json_schema: { name: "soap", strict: true } });
  });

  it.each([
    [{ input_tokens: 15, output_tokens: 8, total_tokens: 23 }],
    [{ prompt_tokens: 15, completion_tokens: 8, total_tokens: 23 }],
    [{ prompt_tokens: 15, completion_tokens: 8 }],
  ])("normalises usage %j to input/output/total", async (usage) => {
    const f = sequence(json(completion(usage)));
    const res = await client(f).c.chat(basic);
    expect(res.usage).toEqual({ input_tokens: 15, output_tokens: 8, total_tokens: 23 });
  });

  it("rejects a transcript_id request with no {{ transcript }} placeholder before sending", async () => {
    const f = sequence(json(completion({ input_tokens: 1, output_tokens: 1 })));
    await expect(client(f).c.chat({ ...basic, transcript_id: "tr-1" })).rejects.toBeInstanceOf(RequestValidationError);
    await expect(client(f).c.chat({ model: "m" })).rejects.toBeInstanceOf(RequestValidationError);
    await expect(client(f).c.chat({ ...basic, temperature: 3 })).rejects.toBeInstanceOf(RequestValidationError);
    expect(f.calls).toHaveLength(0);
  });

  it.each([
    ["{error:{code,message,metadata}}", { error: { code: 401, message: "Invalid API key", metadata: {} } }, 401, AuthenticationError, "Invalid API key"],
    ["{message,request_id,metadata}", { message: "model not found", request_id: "r-2", metadata: {} }, 404, NotFoundError, "model not found"],
    ["{error,status,request_id}", { error: "upstream failure", status: 500, request_id: "r-3" }, 500, InternalServerError, "upstream failure"],
  ])("maps the %s envelope to a typed error", async (_, body, status, cls, text) => {
    const f = sequence(json(body, status));
    const err = (await client(f, { maxRetries: 0 })
      .c.chat(basic)
      .catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(cls);
    expect(err.message).toContain(text);
  });

  it("retries a 429 after Retry-After and a 500, then succeeds", async () => {
    const f = sequence(json({ error: { code: 429, message: "slow down" } }, 429, { "Retry-After": "2" }), json({ error: "x" }, 500), json(completion({ input_tokens: 1, output_tokens: 1 })));
    const { c, time } = client(f);
    await expect(c.chat(basic)).resolves.toBeDefined();
    expect(f.calls).toHaveLength(3);
    expect(time.sleeps[0]).toBe(2100);
  });

  it("throws RateLimitError with retryAfterMs when retries run out", async () => {
    const f = sequence(json({ error: { code: 429, message: "slow down" } }, 429, { "Retry-After": "7" }));
    const err = (await client(f, { maxRetries: 0 })
      .c.chat(basic)
      .catch((e: unknown) => e)) as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfterMs).toBe(7000);
  });

  it("masks the prompt and the key when an error echoes them", async () => {
    const transcript = "Doctor: how is the knee? Patient: it hurts when I climb the stairs since May.";
    const f = sequence(json({ error: { code: 400, message: `bad content '${transcript}' key ${KEY}` } }, 400));
    const err = (await client(f)
      .c.chat({ ...basic, messages: [{ role: "user", content: `Summarise:\n${transcript}` }] })
      .catch((e: unknown) => e)) as Error;
    expect(err.message).not.toContain("climb the stairs");
    expect(err.message).not.toContain(KEY);
  });

  it("rejects a completion without choices", async () => {
    const f = sequence(json({ request_id: "r", choices: [] }));
    await expect(client(f).c.chat(basic)).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it("uses the EU gateway for region eu and gatewayBaseUrl over it", async () => {
    const f = sequence(json(completion({ input_tokens: 1, output_tokens: 1 })));
    await client(f, { region: "eu" }).c.chat(basic);
    await client(f, { region: "eu", gatewayBaseUrl: "http://localhost:9000" }).c.chat(basic);
    expect(f.calls.map((c) => c.url)).toEqual([
      "https://llm-gateway.eu.assemblyai.com/v1/chat/completions",
      "http://localhost:9000/v1/chat/completions",
    ]);
  });
});

describe("GatewayClient.models", () => {
  const model = { id: "claude-sonnet-4-5-20250929", supported_parameters: ["temperature"], available_regions: ["us", "eu"], retirement_date: null };

  it.each([
    ["a bare array", [model]],
    ["{data: [...]}", { data: [model] }],
    ["{models: [...]}", { models: [model] }],
  ])("reads the model list given as %s", async (_, body) => {
    const f = sequence(json(body));
    const models = await client(f).c.models();
    expect(models.map((m) => m.id)).toEqual(["claude-sonnet-4-5-20250929"]);
    expect(models[0]!.available_regions).toEqual(["us", "eu"]);
    expect(f.calls[0]!.url).toBe("https://llm-gateway.assemblyai.com/v1/models");
    expect(f.calls[0]!.method).toBe("GET");
  });

  it("takes a model's id from name when id is missing", async () => {
    const f = sequence(json({ data: [{ name: "gemini-2.5-flash" }] }));
    expect((await client(f).c.models())[0]!.id).toBe("gemini-2.5-flash");
  });
});

describe("GatewayClient.understanding", () => {
  const answer = {
    speech_understanding: {
      request: { speaker_identification: { speaker_type: "role", known_values: ["clinician", "patient"] } },
      response: { speaker_identification: { mapping: { A: "clinician", B: "patient" }, status: "completed" } },
    },
    utterances: [{ speaker: "clinician", text: "Hi", start: 0, end: 500 }],
    words: [],
  };

  it("identifies speaker roles with speaker_type role and known values", async () => {
    const f = sequence(json(answer));
    const roles = await client(f).c.identifySpeakerRoles("tr-1");
    expect(roles.mapping).toEqual({ A: "clinician", B: "patient" });
    expect(roles.status).toBe("completed");
    expect(f.calls[0]!.url).toBe("https://llm-gateway.assemblyai.com/v1/understanding");
    expect(JSON.parse(f.calls[0]!.body as string)).toEqual({
      transcript_id: "tr-1",
      speech_understanding: { request: { speaker_identification: { speaker_type: "role", known_values: ["clinician", "patient"] } } },
    });
  });

  it("rejects a known value over 35 characters before sending", async () => {
    const f = sequence(json(answer));
    await expect(client(f).c.identifySpeakerRoles("tr-1", ["x".repeat(36)])).rejects.toBeInstanceOf(RequestValidationError);
    expect(f.calls).toHaveLength(0);
  });

  it("rejects an answer without a speaker identification result", async () => {
    const f = sequence(json({ utterances: [] }));
    await expect(client(f).c.identifySpeakerRoles("tr-1")).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it("returns an empty mapping when the gateway reports none", async () => {
    const f = sequence(json({ speech_understanding: { response: { speaker_identification: { status: "failed" } } } }));
    const roles = await client(f).c.identifySpeakerRoles("tr-1", ["doctor", "nurse", "patient"]);
    expect(roles).toMatchObject({ mapping: {}, status: "failed" });
  });
});

describe("GatewayClient model check", () => {
  const CLAUDE = "claude-sonnet-4-5-20250929";
  const GEMINI = "gemini-2.5-flash";
  /** The real gateway's catalogue in short: Claude and Gemini in both regions, OpenAI in the US only. */
  const catalogue = {
    object: "list",
    data: [
      { id: CLAUDE, available_regions: ["us", "eu"] },
      { id: GEMINI, available_regions: ["us", "eu"] },
      { id: "gpt-5", available_regions: ["us"] },
    ],
  };
  const ok = () => json(completion({ input_tokens: 1, output_tokens: 1 }));
  /** A fake gateway: GET /v1/models answers `models`, everything else a completion (or an understanding answer). */
  function gateway(models: () => FakeAnswer = () => json(catalogue)) {
    return fakeFetch((call: RecordedCall) => {
      if (call.method === "GET" && call.url.endsWith("/v1/models")) return models();
      if (call.url.endsWith("/v1/understanding")) {
        return json({ speech_understanding: { response: { speaker_identification: { mapping: { A: "clinician" }, status: "completed" } } } });
      }
      return ok();
    });
  }
  const routes = (f: FakeFetch) => f.calls.map((c) => `${c.method} ${new URL(c.url).host}${new URL(c.url).pathname}`);
  const checked = (f: FakeFetch, extra: Partial<GatewayClientOptions> = {}) => client(f, { checkModels: true, ...extra }).c;

  it("refuses a model the region does not serve, naming the model, the region and its models; the chat is not sent", async () => {
    const f = gateway();
    const err = (await checked(f, { region: "eu" }).chat({ ...basic, model: "gpt-5" }).catch((e: unknown) => e)) as RequestValidationError;
    expect(err).toBeInstanceOf(RequestValidationError);
    expect(err.message).toContain('"gpt-5"');
    expect(err.message).toContain("EU region");
    expect(err.message).toContain(`Models of the EU region: ${CLAUDE}, ${GEMINI}.`);
    expect(err.issues[0]?.path).toEqual(["model"]);
    expect(routes(f)).toEqual(["GET llm-gateway.eu.assemblyai.com/v1/models"]);
  });

  it("refuses a model the region's list does not have at all (US too), and lets a served one through", async () => {
    const f = gateway();
    const c = checked(f);
    await expect(c.chat({ ...basic, model: "gpt-9-imaginary" })).rejects.toBeInstanceOf(RequestValidationError);
    await expect(c.chat({ ...basic, model: "gpt-5" })).resolves.toBeDefined();
    expect(routes(f)).toEqual(["GET llm-gateway.assemblyai.com/v1/models", "POST llm-gateway.assemblyai.com/v1/chat/completions"]);
  });

  it("costs one models request per client, not per call (concurrent first calls share it)", async () => {
    const f = gateway();
    const c = checked(f, { region: "eu" });
    await Promise.all([c.chat(basic), c.chat({ ...basic, model: GEMINI }), c.chat(basic)]);
    await c.chat(basic);
    await c.chat({ ...basic, model: "gpt-5" }).catch(() => undefined);
    expect(routes(f).filter((r) => r.endsWith("/v1/models"))).toHaveLength(1);
    expect(routes(f).filter((r) => r.endsWith("/chat/completions"))).toHaveLength(4);
    // Another client asks again: the cache is the instance's, nothing global.
    await checked(f, { region: "eu" }).chat(basic);
    expect(routes(f).filter((r) => r.endsWith("/v1/models"))).toHaveLength(2);
  });

  it.each([
    ["a 500", () => json({ error: { code: 500, message: "down" } }, 500)],
    ["a connection reset", () => netError("ECONNRESET")],
    ["a body that is not a model list", () => json({ nonsense: true })],
    ["an empty list", () => json({ data: [] })],
  ])("sends the request anyway when the model list fails with %s (once per client, not retried)", async (_, answer) => {
    const f = gateway(answer);
    const c = checked(f, { maxRetries: 2 });
    await expect(c.chat({ ...basic, model: "anything-the-server-decides" })).resolves.toBeDefined();
    await expect(c.chat(basic)).resolves.toBeDefined();
    expect(routes(f)).toEqual([
      "GET llm-gateway.assemblyai.com/v1/models",
      "POST llm-gateway.assemblyai.com/v1/chat/completions",
      "POST llm-gateway.assemblyai.com/v1/chat/completions",
    ]);
  });

  it("is on by default and off with checkModels: false", async () => {
    const on = gateway();
    await new GatewayClient({ apiKey: KEY, fetch: on.fetch }).chat(basic);
    expect(routes(on)[0]).toBe("GET llm-gateway.assemblyai.com/v1/models");
    const off = gateway();
    await client(off, { checkModels: false, region: "eu" }).c.chat({ ...basic, model: "gpt-5" });
    expect(routes(off)).toEqual(["POST llm-gateway.eu.assemblyai.com/v1/chat/completions"]);
  });

  it("checks an understanding request that names a model; speaker roles (no model) cost no models request", async () => {
    const f = gateway();
    const c = checked(f, { region: "eu" });
    await c.identifySpeakerRoles("tr-1");
    expect(routes(f)).toEqual(["POST llm-gateway.eu.assemblyai.com/v1/understanding"]);
    const req = { transcript_id: "tr-1", model: "gpt-5", speech_understanding: { request: { speaker_identification: { speaker_type: "role" as const, known_values: ["clinician"] } } } };
    await expect(c.understanding(req)).rejects.toBeInstanceOf(RequestValidationError);
    await expect(c.understanding({ ...req, model: CLAUDE })).resolves.toBeDefined();
    expect(routes(f).slice(1)).toEqual(["GET llm-gateway.eu.assemblyai.com/v1/models", "POST llm-gateway.eu.assemblyai.com/v1/understanding"]);
  });

  it("validates the request before asking for the model list", async () => {
    const f = gateway();
    await expect(checked(f).chat({ ...basic, temperature: 3 })).rejects.toBeInstanceOf(RequestValidationError);
    expect(f.calls).toHaveLength(0);
  });

  it("stops waiting for a hanging model list when the caller aborts", async () => {
    const f = gateway(() => "hang");
    const abort = new AbortController();
    const pending = checked(f).chat(basic, { signal: abort.signal });
    abort.abort(new Error("user gave up"));
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(routes(f)).toEqual(["GET llm-gateway.assemblyai.com/v1/models"]);
  });
});
