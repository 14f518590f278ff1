import { describe, expect, it } from "vitest";
import { createSandbox, EMULATOR_NOTE, INVENTED_QUOTE } from "../../index.js";
import { api, type Json } from "../test-support/http.js";
import { manualTime, tinyFixture } from "../test-support/fixtures.js";
import { schemaErrors } from "../test-support/spec.js";
import { substituteTranscript } from "./gateway-chat.js";

const FENCE = "<transcript>\n{{ transcript }}\n</transcript>";

async function setup(params: Record<string, unknown> = { speaker_labels: true }) {
  const time = manualTime();
  const sb = createSandbox({ fixtures: [await tinyFixture()], clock: time.clock, scheduler: time.scheduler, queuedMs: 0, processingMs: 10 });
  const a = api(sb);
  const id = (await a.create(params)).json["id"] as string;
  time.advance(10);
  const transcript = (await a.get(`/v2/transcript/${id}`)).json;
  const chat = (body: Record<string, unknown>) => a.post("/v1/chat/completions", { model: "claude-sonnet-4-5-20250929", ...body });
  return { sb, a, id, transcript, chat, time };
}

const user = (content: string) => [{ role: "user", content }];

/** Every double-quoted quote of a plain-text answer. */
const quotes = (content: string) => [...content.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "");

describe("placeholder substitution", () => {
  it("replaces only the first placeholder of the first message that has one", () => {
    const out = substituteTranscript(
      [
        { role: "system", content: "no placeholder here" },
        { role: "user", content: "A {{ transcript }} B {{ transcript }}" },
        { role: "user", content: "C {{ transcript }}" },
      ],
      "TEXT",
    );
    expect(out.map((m) => m.content)).toEqual(["no placeholder here", "A TEXT B {{ transcript }}", "C {{ transcript }}"]);
  });

  it("does not expand $-patterns of the transcript text", () => {
    const out = substituteTranscript([{ role: "user", content: "x {{ transcript }}" }], "costs $& and $1");
    expect(out[0]?.content).toBe("x costs $& and $1");
  });

  it("fills the stored (redacted) text when transcript_id is given", async () => {
    const time = manualTime();
    const sb = createSandbox({ fixtures: [await tinyFixture()], clock: time.clock, scheduler: time.scheduler, queuedMs: 0, processingMs: 0 });
    const a = api(sb);
    const id = (await a.create({ redact_pii: true, redact_pii_policies: ["person_name"], redact_pii_sub: "entity_name" })).json["id"];
    const text = (await a.get(`/v2/transcript/${id}`)).json["text"];
    const res = await a.post("/v1/chat/completions", { model: "claude-sonnet-4-5-20250929", transcript_id: id, messages: user(`Note.\n${FENCE}\nagain {{ transcript }}`) });
    expect(res.status).toBe(200);
    const sent = sb.state.chatRequests[0]?.messages[0]?.content ?? "";
    expect(sent).toBe(`Note.\n<transcript>\n${text}\n</transcript>\nagain {{ transcript }}`);
    expect(sent).toContain("[PERSON_NAME]");
    expect(sent).not.toContain("John");
  });

  it("inserts the plain text, not speaker-labelled words, even for a diarised transcript", async () => {
    const { chat, id, sb, transcript } = await setup({ speaker_labels: true });
    expect(transcript["utterances"]).not.toBeNull();
    await chat({ transcript_id: id, messages: user(FENCE) });
    expect(sb.state.chatRequests[0]?.messages[0]?.content).toBe(`<transcript>\n${transcript["text"]}\n</transcript>`);
  });

  it("answers from the inserted text only: no speaker attribution with transcript_id (the model sees no labels)", async () => {
    const { chat, id } = await setup({ speaker_labels: true });
    const content: string = (await chat({ transcript_id: id, messages: user(`Write a SOAP note.\n${FENCE}`) })).json["choices"][0]["message"]["content"];
    expect(content).toContain("## Subjective");
    expect(content).not.toContain("(speaker");
    // The same dialogue sent inline with labels is attributed: the difference is what the model was sent.
    const inline: string = (await chat({ messages: user("Write a SOAP note.\n<transcript>\n[doctor] I think this is a medial meniscus strain.\n[patient] My knee pain started two weeks ago.\n</transcript>") })).json["choices"][0]["message"]["content"];
    expect(inline).toContain("(speaker doctor)");
  });

  it("answers 404 for an unknown transcript_id and 401 without a key", async () => {
    const { chat, sb } = await setup();
    const res = await chat({ transcript_id: "00000000-0000-4000-8000-000000000000", messages: user(FENCE) });
    expect(res.status).toBe(404);
    expect(res.json["error"]).toMatchObject({ code: 404, message: expect.any(String) });
    const anon = await sb.fetch("https://llm-gateway.assemblyai.com/v1/chat/completions", { method: "POST", body: "{}" });
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as Json)["error"].code).toBe(401);
  });

  it("answers 400 with the gateway envelope for a bad body", async () => {
    const { chat } = await setup();
    const res = await chat({ messages: [{ role: "robot", content: "x" }] });
    expect(res.status).toBe(400);
    expect(res.json["error"]["code"]).toBe(400);
  });
});

describe("answers", () => {
  it("writes a full note with the four headings, quoting the transcript exactly", async () => {
    const { chat, id, transcript } = await setup();
    const res = await chat({ transcript_id: id, messages: [{ role: "system", content: "You write SOAP notes." }, ...user(`Write a SOAP note.\n${FENCE}`)] });
    const content: string = res.json["choices"][0]["message"]["content"];
    const headings = content.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual(["## Subjective", "## Objective", "## Assessment", "## Plan"]);
    const qs = quotes(content);
    expect(qs.length).toBeGreaterThanOrEqual(4);
    for (const q of qs) expect(transcript["text"]).toContain(q);
    expect(content).toContain("My knee pain started two weeks ago and it hurts when I walk.");
    expect(content).toContain("I think this is a medial meniscus strain.");
    expect(content).toContain("We'll order an MRI and follow up in two weeks.");
  });

  it("answers one section as plain text when exactly one section word is named", async () => {
    const { chat, id } = await setup();
    const res = await chat({ transcript_id: id, messages: user(`Write only the Plan section of the note.\n${FENCE}`) });
    const content: string = res.json["choices"][0]["message"]["content"];
    expect(content).not.toContain("##");
    expect(content).toContain("We'll order an MRI");
    expect(content).not.toContain("knee pain started");
  });

  it("recognises the seed's Method 2 questions", async () => {
    const { chat, id } = await setup();
    const res = await chat({ transcript_id: id, messages: user(`What are the measurable and observable findings from the examination?\n${FENCE}`) });
    const content: string = res.json["choices"][0]["message"]["content"];
    expect(content).toContain("On exam there is tenderness");
    expect(content).not.toContain("##");
  });

  it("ignores section words inside the transcript", async () => {
    const { chat } = await setup();
    const res = await chat({ messages: user("Write a note.\n<transcript>\n[doctor] The plan is simple: rest the knee for a week.\n[patient] My knee pain is worse at night.\n</transcript>") });
    const content: string = res.json["choices"][0]["message"]["content"];
    expect(content).toContain("## Subjective");
    expect(content).toContain('"My knee pain is worse at night." (speaker patient)');
  });

  it("answers JSON matching the four-section schema", async () => {
    const { chat, id, transcript } = await setup();
    const schema = { type: "object", properties: { subjective: {}, objective: {}, assessment: {}, plan: {} }, required: ["subjective", "objective", "assessment", "plan"] };
    const res = await chat({ transcript_id: id, messages: user(`Write the note.\n${FENCE}`), response_format: { type: "json_schema", json_schema: { name: "soap", schema, strict: true } } });
    const note = JSON.parse(res.json["choices"][0]["message"]["content"]);
    expect(Object.keys(note)).toEqual(["subjective", "objective", "assessment", "plan"]);
    for (const section of Object.values(note) as Json[]) {
      for (const st of section["statements"]) {
        expect(typeof st["text"]).toBe("string");
        for (const e of st["evidence"]) {
          expect(transcript["text"]).toContain(e["quote"]);
          // The gateway inserted plain `text`: the answer cannot know who said it.
          expect(e["speaker"]).toBe("unknown");
        }
      }
    }
    expect(note.plan.statements.length).toBeGreaterThan(0);
  });

  it("answers {statements} for a one-section schema", async () => {
    const { chat, id } = await setup();
    const schema = { type: "object", properties: { statements: { type: "array" } }, required: ["statements"] };
    const res = await chat({ transcript_id: id, messages: user(`Write only the Assessment.\n${FENCE}`), response_format: { type: "json_schema", json_schema: { name: "s", schema } } });
    const out = JSON.parse(res.json["choices"][0]["message"]["content"]);
    expect(out.statements[0].evidence[0].quote).toBe("I think this is a medial meniscus strain.");
  });

  it("uses speaker 'unknown' in evidence when the transcript has no labels", async () => {
    const { chat, id } = await setup({});
    const schema = { type: "object", properties: { statements: { type: "array" } } };
    const res = await chat({ transcript_id: id, messages: user(`Plan only.\n${FENCE}`), response_format: { type: "json_schema", json_schema: { name: "s", schema } } });
    expect(JSON.parse(res.json["choices"][0]["message"]["content"]).statements[0].evidence[0].speaker).toBe("unknown");
  });

  it("says it is an emulator in every answer and echoes the model and usage", async () => {
    const { chat, id } = await setup();
    const res = await chat({ transcript_id: id, messages: user(FENCE), max_tokens: 2000 });
    expect(res.headers.get("x-soap-sandbox")).toBe("emulator");
    expect(res.json["sandbox"]).toEqual({ emulator: true, note: EMULATOR_NOTE });
    expect(res.json["model"]).toBe("claude-sonnet-4-5-20250929");
    expect(res.json["choices"][0]).toMatchObject({ finish_reason: "stop", message: { role: "assistant" } });
    const u = res.json["usage"];
    expect(u["total_tokens"]).toBe(u["input_tokens"] + u["output_tokens"]);
    expect(u["input_tokens"]).toBeGreaterThan(10);
  });

  it("stops at max_tokens with finish_reason length", async () => {
    const { chat, id } = await setup();
    const res = await chat({ transcript_id: id, messages: user(FENCE), max_tokens: 5 });
    expect(res.json["choices"][0]["finish_reason"]).toBe("length");
    expect(res.json["choices"][0]["message"]["content"]).toHaveLength(20);
  });

  it("takes a tool conversation and echoes tools and tool_choice in request (it never calls a tool)", async () => {
    const { chat } = await setup();
    const tools = [{ type: "function", function: { name: "lookup_dose", parameters: { type: "object" } } }];
    const res = await chat({
      messages: [{ role: "user", content: "Dose?" }, { role: "assistant", content: "Looking it up." }, { role: "tool", content: "500 mg", tool_call_id: "call-1" }],
      tools,
      tool_choice: "auto",
    });
    expect(res.status).toBe(200);
    expect(res.json["request"]).toMatchObject({ tools, tool_choice: "auto" });
    expect(res.json["choices"][0]).not.toHaveProperty("tool_calls");
  });

  it("refuses stream: true on a Claude model (OpenAI models only) and answers it is not emulated on an OpenAI one", async () => {
    const { chat } = await setup();
    const claude = await chat({ prompt: "Hi", stream: true });
    expect(claude.json["error"]["message"]).toContain("is not supported by model 'claude-sonnet-4-5-20250929'");
    const gpt = await chat({ model: "gpt-4.1", prompt: "Hi", stream: true });
    expect(gpt.json["error"]["message"]).toContain("is not emulated");
    expect((await chat({ prompt: "Hi", stream: false })).status).toBe(200);
  });

  it("accepts a prompt instead of messages, and content parts", async () => {
    const { chat } = await setup();
    expect((await chat({ prompt: "Write a haiku about coding" })).status).toBe(200);
    const parts = await chat({ messages: [{ role: "user", content: [{ type: "text", text: "Hello" }] }] });
    expect(parts.status).toBe(200);
  });
});

describe("chat faults", () => {
  it("invented_quote puts a quote in the answer that is not in the transcript", async () => {
    const { chat, id, sb, transcript } = await setup();
    sb.faults.add({ route: "chat", kind: "invented_quote", times: 1 });
    const bad = (await chat({ transcript_id: id, messages: user(FENCE) })).json["choices"][0]["message"]["content"];
    expect(bad).toContain(INVENTED_QUOTE);
    expect(transcript["text"]).not.toContain(INVENTED_QUOTE);
    const good = (await chat({ transcript_id: id, messages: user(FENCE) })).json["choices"][0]["message"]["content"];
    expect(good).not.toContain(INVENTED_QUOTE);
  });

  it("missing_section leaves one section out", async () => {
    const { chat, id, sb } = await setup();
    sb.faults.add({ route: "chat", kind: "missing_section", section: "objective" });
    const content = (await chat({ transcript_id: id, messages: user(FENCE) })).json["choices"][0]["message"]["content"];
    expect(content).not.toContain("## Objective");
    expect(content).toContain("## Plan");
    const schema = { type: "object", properties: { subjective: {}, objective: {}, assessment: {}, plan: {} } };
    const json = JSON.parse((await chat({ transcript_id: id, messages: user(FENCE), response_format: { type: "json_schema", json_schema: { name: "x", schema } } })).json["choices"][0]["message"]["content"]);
    expect(Object.keys(json)).toEqual(["subjective", "assessment", "plan"]);
  });

  it("schema_violation answers JSON that breaks the requested schema", async () => {
    const { chat, id, sb } = await setup();
    sb.faults.add({ route: "chat", kind: "schema_violation", times: 1 });
    const schema = { type: "object", properties: { statements: { type: "array" } } };
    const out = JSON.parse((await chat({ transcript_id: id, messages: user(`Plan.\n${FENCE}`), response_format: { type: "json_schema", json_schema: { name: "x", schema } } })).json["choices"][0]["message"]["content"]);
    expect(Array.isArray(out.statements)).toBe(false);
  });
});

describe("models", () => {
  it("lists models without auth", async () => {
    const { sb } = await setup();
    const res = await sb.fetch("https://llm-gateway.assemblyai.com/v1/models");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.data.map((m: Json) => m["id"])).toContain("claude-sonnet-4-5-20250929");
    expect(body.data[0]).toHaveProperty("supported_parameters");
  });
});

describe("structured answers against a strict schema", () => {
  it("validates against the soap-structured shape (strict, every property required)", async () => {
    const evidence = { type: "object", properties: { quote: { type: "string" }, speaker: { type: "string" } }, required: ["quote", "speaker"], additionalProperties: false };
    const section = {
      type: "object",
      properties: { statements: { type: "array", items: { type: "object", properties: { text: { type: "string" }, evidence: { type: "array", items: evidence } }, required: ["text", "evidence"], additionalProperties: false } } },
      required: ["statements"],
      additionalProperties: false,
    };
    const note = { type: "object", properties: { subjective: section, objective: section, assessment: section, plan: section }, required: ["subjective", "objective", "assessment", "plan"], additionalProperties: false };
    const { chat, id, sb } = await setup();
    const ask = async (schema: object, prompt: string) =>
      JSON.parse((await chat({ transcript_id: id, messages: user(`${prompt}\n${FENCE}`), response_format: { type: "json_schema", json_schema: { name: "soap", schema, strict: true } } })).json["choices"][0]["message"]["content"]);
    expect(schemaErrors(note, await ask(note, "Write the note."))).toEqual([]);
    expect(schemaErrors(section, await ask(section, "Write only the Objective."))).toEqual([]);
    sb.faults.add({ route: "chat", kind: "schema_violation", times: 2 });
    expect(schemaErrors(note, await ask(note, "Write the note."))).not.toEqual([]);
    expect(schemaErrors(section, await ask(section, "Write only the Objective."))).not.toEqual([]);
  });
});
