import { describe, expect, it } from "vitest";
import { createSandbox } from "../index.js";
import { U3, api, type Json } from "./test-support/http.js";
import { manualTime, tinyFixture } from "./test-support/fixtures.js";
import { loadSpecs, referenceAvailable } from "./test-support/spec.js";
import { transcriptParamsSpec } from "./test-support/transcript-spec.js";

type Spec = ReturnType<typeof loadSpecs>;

async function setup() {
  const time = manualTime();
  const hooks: { body: unknown }[] = [];
  const sb = createSandbox({
    fixtures: [await tinyFixture()],
    clock: time.clock,
    scheduler: time.scheduler,
    queuedMs: 10,
    processingMs: 10,
    apiKeys: ["k1", "k2"],
    webhookFetch: async (_url, init) => {
      hooks.push({ body: JSON.parse(String(init.body)) });
      return new Response("ok");
    },
  });
  return { sb, time, hooks, a: api(sb, "k1") };
}

function expectValid(spec: Spec, file: "openapi.yml" | "llm-gateway.yml", schema: string, value: unknown, what: string) {
  expect(spec.errors(file, schema, value), `${what} against ${schema}`).toEqual([]);
}

describe.skipIf(!referenceAvailable)("contract: every response validates against the official schemas", () => {
  const spec = referenceAvailable ? loadSpecs() : (undefined as unknown as Spec);

  it("the validator rejects what the schema forbids (so the checks below can fail)", () => {
    expect(spec.errors("openapi.yml", "Transcript", { id: "x", status: "done" })).not.toEqual([]);
    expect(spec.errors("openapi.yml", "Error", { message: "x" })).not.toEqual([]);
    expect(spec.errors("llm-gateway.yml", "ErrorResponse", { error: { code: "x" } })).not.toEqual([]);
  });

  it("v2 transcript routes, in every status and option combination", async () => {
    const { a, time, sb } = await setup();
    const up = await a.upload();
    expectValid(spec, "openapi.yml", "UploadedFile", up.json, "upload");
    const bodies: Json[] = [];
    const variants: Record<string, unknown>[] = [
      {},
      { speaker_labels: true },
      { speaker_labels: true, redact_pii: true, redact_pii_policies: ["person_name", "phone_number"], redact_pii_sub: "hash", redact_pii_audio: true },
      { redact_pii: true, redact_pii_policies: ["date_of_birth"], redact_pii_sub: "entity_name", language_detection: true },
      { webhook_url: "https://h.example/x", webhook_auth_header_name: "X-S", webhook_auth_header_value: "v", speech_models: ["universal-3-pro"], keyterms_prompt: ["knee"], prompt: "medical visit", domain: "medical-v1" },
    ];
    const ids: string[] = [];
    for (const v of variants) {
      const created = await a.post("/v2/transcript", { ...U3, audio_url: up.json["upload_url"], ...v });
      expect(created.status).toBe(200);
      bodies.push(created.json);
      ids.push(created.json["id"]);
    }
    const unknown = await a.post("/v2/transcript", { ...U3, audio_url: "https://example.com/unknown.mp3" });
    ids.push(unknown.json["id"]);
    sb.faults.add({ route: "create", kind: "transcript_error", times: 1 });
    ids.push((await a.post("/v2/transcript", { ...U3, audio_url: up.json["upload_url"] })).json["id"]);
    for (const step of [0, 10, 10, 100]) {
      time.advance(step);
      for (const id of ids) bodies.push((await a.get(`/v2/transcript/${id}`)).json);
    }
    const statuses = new Set(bodies.map((b) => b["status"]));
    expect([...statuses].sort()).toEqual(["completed", "error", "processing", "queued"]);
    for (const b of bodies) expectValid(spec, "openapi.yml", "Transcript", b, `transcript ${b["status"]}`);

    for (const id of ids.slice(0, 3)) {
      expectValid(spec, "openapi.yml", "SentencesResponse", (await a.get(`/v2/transcript/${id}/sentences`)).json, "sentences");
      expectValid(spec, "openapi.yml", "ParagraphsResponse", (await a.get(`/v2/transcript/${id}/paragraphs`)).json, "paragraphs");
      expectValid(spec, "openapi.yml", "WordSearchResponse", (await a.get(`/v2/transcript/${id}/word-search?words=knee,two%20weeks`)).json, "word search");
    }
    expectValid(spec, "openapi.yml", "RedactedAudioResponse", (await a.get(`/v2/transcript/${ids[2]}/redacted-audio`)).json, "redacted audio");

    const list = await a.get("/v2/transcript?limit=3");
    expectValid(spec, "openapi.yml", "TranscriptList", list.json, "list");
    const prev = new URL(list.json["page_details"]["prev_url"]);
    expectValid(spec, "openapi.yml", "TranscriptList", (await a.get(prev.pathname + prev.search)).json, "list page 2");

    const deleted = await a.del(`/v2/transcript/${ids[1]}`);
    expectValid(spec, "openapi.yml", "Transcript", deleted.json, "deleted");
    expectValid(spec, "openapi.yml", "Transcript", (await a.get(`/v2/transcript/${ids[1]}`)).json, "deleted, fetched");
  });

  it("v2 error bodies", async () => {
    const { a, sb } = await setup();
    const errors = [
      await api(sb, "nope").get("/v2/transcript"),
      await a.post("/v2/transcript", { ...U3, audio_url: 3 }),
      await a.get("/v2/transcript/unknown"),
      await api(sb, "k2").post("/v2/transcript", { ...U3, audio_url: (await a.upload()).json["upload_url"] }),
    ];
    sb.faults.add({ route: "list", kind: "status", status: 429, times: 1 });
    sb.faults.add({ route: "get", kind: "status", status: 500, times: 1 });
    errors.push(await a.get("/v2/transcript"), await a.get("/v2/transcript/x"));
    expect(errors.map((e) => e.status)).toEqual([401, 400, 400, 403, 429, 500]);
    expect(errors[2]?.json).toEqual({ error: "Transcript lookup error, transcript id not found" });
    for (const e of errors) expectValid(spec, "openapi.yml", "Error", e.json, `error ${e.status}`);
  });

  it("webhook bodies", async () => {
    const { a, time, sb, hooks } = await setup();
    await a.create({ webhook_url: "https://h.example/x", redact_pii: true, redact_pii_policies: ["person_name"], redact_pii_audio: true });
    await a.post("/v2/transcript", { ...U3, audio_url: "https://example.com/unknown.mp3", webhook_url: "https://h.example/x" });
    time.advance(100);
    await sb.tick();
    expect(hooks).toHaveLength(3);
    const ready = hooks.filter((h) => "transcript_id" in (h.body as object));
    expect(ready).toHaveLength(2);
    for (const h of ready) expectValid(spec, "openapi.yml", "TranscriptReadyNotification", h.body, "webhook");
    // RedactedAudioNotification is `allOf` + `additionalProperties: false` with no own properties, which
    // no object can satisfy; its allOf target RedactedAudioResponse is what the docs show.
    const audio = hooks.filter((h) => !("transcript_id" in (h.body as object)));
    for (const h of audio) expectValid(spec, "openapi.yml", "RedactedAudioResponse", h.body, "redacted audio webhook");
  });

  it("gateway responses and errors", async () => {
    const { a, time, sb } = await setup();
    const id = (await a.create({ speaker_labels: true })).json["id"];
    time.advance(100);
    const chat = await a.post("/v1/chat/completions", { model: "claude-sonnet-4-5-20250929", transcript_id: id, messages: [{ role: "user", content: "<transcript>\n{{ transcript }}\n</transcript>" }] });
    expectValid(spec, "llm-gateway.yml", "Response", chat.json, "chat");
    const und = await a.post("/v1/understanding", { transcript_id: id, speech_understanding: { request: { speaker_identification: { speaker_type: "role", known_values: ["clinician", "patient"] } } } });
    expectValid(spec, "llm-gateway.yml", "LLMGatewaySpeakerIdentificationResponse", und.json, "understanding");
    const errors = [
      await api(sb, "nope").post("/v1/chat/completions", {}),
      await a.post("/v1/chat/completions", { messages: [] }),
      await a.post("/v1/chat/completions", { model: "claude-sonnet-4-5-20250929", prompt: "x", transcript_id: "missing" }),
    ];
    sb.faults.add({ route: "chat", kind: "status", status: 429, times: 1 });
    errors.push(
      await a.post("/v1/chat/completions", { model: "claude-sonnet-4-5-20250929", prompt: "x" }),
      await a.post("/v1/understanding", { transcript_id: "missing", speech_understanding: { request: { speaker_identification: { speaker_type: "role", known_values: ["a"] } } } }),
      await a.post("/v1/chat/completions", { model: "m", prompt: "x" }),
    );
    expect(errors.map((e) => e.status)).toEqual([401, 400, 404, 429, 404, 404]);
    expect(errors[5]?.json["error"]).toMatchObject({ code: 404, metadata: { model: "m", region: "us" } });
    for (const e of errors) expectValid(spec, "llm-gateway.yml", "ErrorResponse", e.json, `gateway error ${e.status}`);
  });
});

describe.skipIf(!referenceAvailable)("contract: the spec's request examples are accepted", () => {
  const spec = referenceAvailable ? loadSpecs() : (undefined as unknown as Spec);

  it("TranscriptParams and TranscriptOptionalParams examples: refused as printed (they break their own schema), accepted once repaired", async () => {
    const { a } = await setup();
    const schemas = spec.docs["openapi.yml"]["components"]["schemas"];
    // The examples omit speech_models (required) and send summary_model/summary_type null (not nullable).
    const repair = (example: Json): Json => {
      const { summary_model: _model, summary_type: _type, ...rest } = example;
      return { ...U3, ...rest };
    };
    const example = schemas["TranscriptParams"]["example"] as Json;
    expect((await a.post("/v2/transcript", example)).json).toEqual({ error: 'Missing required field "speech_models"' });
    expect((await a.post("/v2/transcript", { ...U3, ...example })).json).toEqual({ error: 'Invalid value for "summary_model": null is not allowed' });
    expect(transcriptParamsSpec().errors(example)).not.toEqual([]);
    expect(transcriptParamsSpec().errors({ ...U3, ...example })).not.toEqual([]);

    const params = await a.post("/v2/transcript", repair(example));
    expect(params.status, params.text).toBe(200);
    expect(transcriptParamsSpec().errors(repair(example))).toEqual([]);
    expectValid(spec, "openapi.yml", "Transcript", params.json, "example transcript");
    const optional = await a.post("/v2/transcript", { audio_url: "https://assembly.ai/wildfires.mp3", ...repair(schemas["TranscriptOptionalParams"]["example"] as Json) });
    expect(optional.status, optional.text).toBe(200);
  });

  it("chat completion examples, with structured output matching the example's schema", async () => {
    const { a } = await setup();
    const examples = spec.docs["llm-gateway.yml"]["paths"]["/chat/completions"]["post"]["requestBody"]["content"]["application/json"]["examples"] as Record<string, { value: Json }>;
    expect(Object.keys(examples).length).toBeGreaterThanOrEqual(3);
    for (const [name, { value }] of Object.entries(examples)) {
      const res = await a.post("/v1/chat/completions", value);
      expect(res.status, name).toBe(200);
      expectValid(spec, "llm-gateway.yml", "Response", res.json, name);
      const schema = value["response_format"]?.["json_schema"]?.["schema"];
      if (schema) expect(spec.errorsAgainst(schema, JSON.parse(res.json["choices"][0]["message"]["content"]))).toEqual([]);
    }
  });

  it("speaker identification examples (on a real transcript id)", async () => {
    const { a, time } = await setup();
    const id = (await a.create({ speaker_labels: true })).json["id"];
    time.advance(100);
    const examples = spec.docs["llm-gateway.yml"]["paths"]["/understanding"]["post"]["requestBody"]["content"]["application/json"]["examples"] as Record<string, { value: Json }>;
    const speakerExamples = Object.entries(examples).filter(([, { value }]) => "speaker_identification" in value["speech_understanding"]["request"]);
    expect(speakerExamples.length).toBe(2);
    for (const [name, { value }] of speakerExamples) {
      const res = await a.post("/v1/understanding", { ...value, transcript_id: id });
      expect(res.status, name).toBe(200);
      expectValid(spec, "llm-gateway.yml", "LLMGatewaySpeakerIdentificationResponse", res.json, name);
    }
  });
});
