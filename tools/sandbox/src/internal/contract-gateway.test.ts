import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gatewaySetup, type GatewayIds, type GatewayReply } from "./test-support/gateway-setup.js";
import { loadSpecs, REFERENCE_DIR, referenceAvailable } from "./test-support/spec.js";

/**
 * Contract of the LLM Gateway routes: one invalid request per rule that the sandbox refuses in the
 * spec's error envelope (`ErrorResponse`, with `error.code` equal to the status), each also checked
 * with ajv against llm-gateway.yml, and every error status the docs list proved by a request (or
 * listed as a gap). The drift walk over every parameter and enum value is contract-gateway-drift.test.ts.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** What ajv says of the body: the schema refuses it, allows it (the rule is in a description, or ours), or the field is not in the spec. */
type SpecVerdict = "invalid" | "valid" | "absent";

interface GatewayCase {
  rule: string;
  route: "chat" | "understanding";
  /** The top-level field the rule is about (each documented parameter needs at least one case). */
  field: string;
  body: Body | ((ids: GatewayIds) => Body);
  status: number;
  error: string;
  spec: SpecVerdict;
}

const CLAUDE = "claude-sonnet-4-5-20250929";
const user = [{ role: "user", content: "Hello" }];
const CHAT = { model: CLAUDE, messages: user };
const tools = (fn: Body) => ({ ...CHAT, tools: [{ type: "function", function: fn }] });
const format = (rf: Body) => ({ ...CHAT, response_format: rf });
const schemaConfig = { name: "answer", schema: { type: "object" } };
const msg = (m: Body) => ({ model: CLAUDE, messages: [m] });
const SEE_MODELS = "See GET /v1/models for each model's supported_parameters.";

const chat = (rule: string, field: string, body: GatewayCase["body"], error: string, spec: SpecVerdict = "invalid", status = 400): GatewayCase => ({ rule, route: "chat", field, body, status, error, spec });

const chatCases: GatewayCase[] = [
  chat("the body is JSON", "body", "{not json", "Invalid request: the body must be a JSON object"),
  chat("the body is an object", "body", [CHAT], "Invalid request: the body must be a JSON object"),
  chat("model is required", "model", { messages: user }, "Invalid request: missing required field 'model'"),
  chat("model is a string", "model", { ...CHAT, model: 42 }, "Invalid request: 'model' must be a string"),
  chat("model is not nullable", "model", { ...CHAT, model: null }, "Invalid request: 'model' must be a string (null is not allowed)"),
  chat("model is one the region serves (404)", "model", { ...CHAT, model: "gpt-9" }, 'Model "gpt-9" is not a model of the LLM Gateway\'s US region. See GET /v1/models for the models this region serves.', "valid", 404),
  chat("messages or prompt is required (chat-completions.mdx)", "messages", { model: CLAUDE }, "Invalid request: either 'messages' or 'prompt' is required", "valid"),
  chat("an empty messages list needs a prompt", "messages", { model: CLAUDE, messages: [] }, "Invalid request: 'messages' is empty and there is no 'prompt' (give one of them)", "valid"),
  chat("messages is an array", "messages", { model: CLAUDE, messages: "Hello" }, "Invalid request: 'messages' must be an array"),
  chat("role is user, assistant, system or tool", "messages", msg({ role: "developer", content: "x" }), "Invalid request: 'messages.0.role' must be one of 'user', 'assistant', 'system', 'tool'"),
  chat("role is required", "messages", msg({ content: "x" }), "Invalid request: missing required field 'messages.0.role'"),
  chat("content is required", "messages", msg({ role: "user" }), "Invalid request: missing required field 'messages.0.content'"),
  chat("content is a string or content parts", "messages", msg({ role: "user", content: 3 }), "Invalid request: 'messages.0.content' must be a string or an array"),
  chat("content parts are text only", "messages", msg({ role: "user", content: [{ type: "image_url", text: "x" }] }), "Invalid request: 'messages.0.content.0.type' must be 'text'"),
  chat("a text part needs text", "messages", msg({ role: "user", content: [{ type: "text" }] }), "Invalid request: missing required field 'messages.0.content.0.text'"),
  chat("name is a string", "messages", msg({ role: "user", content: "x", name: 5 }), "Invalid request: 'messages.0.name' must be a string"),
  chat("a tool message needs tool_call_id", "messages", msg({ role: "tool", content: "42" }), "Invalid request: missing required field 'messages.0.tool_call_id'"),
  chat("a tool message's content is a string", "messages", msg({ role: "tool", content: [{ type: "text", text: "42" }], tool_call_id: "c1" }), "Invalid request: 'messages.0.content' must be a string"),
  chat("prompt is a string", "prompt", { model: CLAUDE, prompt: 5 }, "Invalid request: 'prompt' must be a string"),
  chat("max_tokens >= 1", "max_tokens", { ...CHAT, max_tokens: 0 }, "Invalid request: 'max_tokens' must be >= 1"),
  chat("max_tokens is an integer", "max_tokens", { ...CHAT, max_tokens: 2.5 }, "Invalid request: 'max_tokens' must be an integer"),
  chat("max_tokens is a number", "max_tokens", { ...CHAT, max_tokens: "100" }, "Invalid request: 'max_tokens' must be an integer"),
  chat("temperature >= 0", "temperature", { ...CHAT, temperature: -0.1 }, "Invalid request: 'temperature' must be >= 0"),
  chat("temperature <= 2", "temperature", { ...CHAT, temperature: 2.5 }, "Invalid request: 'temperature' must be <= 2"),
  chat("temperature is a number", "temperature", { ...CHAT, temperature: "0.5" }, "Invalid request: 'temperature' must be a number"),
  chat("stream is a boolean", "stream", { ...CHAT, stream: "yes" }, "Invalid request: 'stream' must be a boolean"),
  chat("stream is for OpenAI models only (its description)", "stream", { ...CHAT, stream: true }, `Invalid request: 'stream' is not supported by model '${CLAUDE}' (streamed responses are supported on OpenAI models only). ${SEE_MODELS}`, "valid"),
  chat("tools is an array", "tools", { ...CHAT, tools: {} }, "Invalid request: 'tools' must be an array"),
  chat("a tool's type is function", "tools", { ...CHAT, tools: [{ type: "retrieval", function: { name: "f", parameters: {} } }] }, "Invalid request: 'tools.0.type' must be 'function'"),
  chat("a tool needs its function", "tools", { ...CHAT, tools: [{ type: "function" }] }, "Invalid request: missing required field 'tools.0.function'"),
  chat("a function needs a name", "tools", tools({ parameters: {} }), "Invalid request: missing required field 'tools.0.function.name'"),
  chat("a function needs parameters", "tools", tools({ name: "f" }), "Invalid request: missing required field 'tools.0.function.parameters'"),
  chat("parameters is an object", "tools", tools({ name: "f", parameters: "x" }), "Invalid request: 'tools.0.function.parameters' must be an object"),
  chat("tool_choice is none, auto or a function", "tool_choice", { ...CHAT, tool_choice: "required" }, "Invalid request: 'tool_choice' must be one of 'none', 'auto' or an object"),
  chat("a function tool_choice names its function", "tool_choice", { ...CHAT, tool_choice: { type: "function" } }, "Invalid request: missing required field 'tool_choice.function'"),
  chat("a function tool_choice's function has a name", "tool_choice", { ...CHAT, tool_choice: { type: "function", function: {} } }, "Invalid request: missing required field 'tool_choice.function.name'"),
  chat("response_format type is json_schema", "response_format", format({ type: "json_object", json_schema: schemaConfig }), "Invalid request: 'response_format.type' must be 'json_schema'"),
  chat("response_format needs json_schema", "response_format", format({ type: "json_schema" }), "Invalid request: missing required field 'response_format.json_schema'"),
  chat("json_schema needs a name", "response_format", format({ type: "json_schema", json_schema: { schema: {} } }), "Invalid request: missing required field 'response_format.json_schema.name'"),
  chat("json_schema needs a schema", "response_format", format({ type: "json_schema", json_schema: { name: "a" } }), "Invalid request: missing required field 'response_format.json_schema.schema'"),
  chat("the schema is an object", "response_format", format({ type: "json_schema", json_schema: { name: "a", schema: [] } }), "Invalid request: 'response_format.json_schema.schema' must be an object"),
  chat("strict is a boolean", "response_format", format({ type: "json_schema", json_schema: { ...schemaConfig, strict: "yes" } }), "Invalid request: 'response_format.json_schema.strict' must be a boolean"),
  chat("no response_format on gpt-oss (its description)", "response_format", { ...format({ type: "json_schema", json_schema: schemaConfig }), model: "gpt-oss-20b" }, `Invalid request: 'response_format' is not supported by model 'gpt-oss-20b' (structured outputs are not supported by gpt-oss models). ${SEE_MODELS}`, "valid"),
  chat("transcript_id is a string", "transcript_id", { ...CHAT, transcript_id: 5 }, "Invalid request: 'transcript_id' must be a string", "absent"),
  chat("transcript_id is not empty", "transcript_id", { ...CHAT, transcript_id: "" }, "Invalid request: 'transcript_id' must have at least 1 character(s)", "absent"),
  chat("transcript_id names a transcript of the caller (404)", "transcript_id", { ...CHAT, transcript_id: "00000000-0000-4000-8000-000000000000" }, "Transcript not found", "absent", 404),
  chat("transcript_id names a completed transcript", "transcript_id", (ids: GatewayIds) => ({ ...CHAT, transcript_id: ids.pending }), 'Transcript is not completed (status is "queued")', "absent"),
];

const SID = "speech_understanding.request.speaker_identification";
const und = (rule: string, field: string, body: GatewayCase["body"], error: string, spec: SpecVerdict = "invalid", status = 400): GatewayCase => ({ rule, route: "understanding", field, body, status, error, spec });
const task = (request: Body) => (ids: GatewayIds) => ({ transcript_id: ids.id, speech_understanding: { request } });
const sid = (s: Body) => task({ speaker_identification: s });
const ROLES = { speaker_type: "role", known_values: ["clinician", "patient"] };

const understandingCases: GatewayCase[] = [
  und("the body is an object", "body", [], "Invalid request: the body must be a JSON object"),
  und("transcript_id is required", "transcript_id", { speech_understanding: { request: { speaker_identification: ROLES } } }, "Invalid request: missing required field 'transcript_id'"),
  und("transcript_id is a string", "transcript_id", { transcript_id: 5, speech_understanding: { request: { speaker_identification: ROLES } } }, "Invalid request: 'transcript_id' must be a string"),
  und("speech_understanding is required", "speech_understanding", (ids: GatewayIds) => ({ transcript_id: ids.id }), "Invalid request: missing required field 'speech_understanding'"),
  und("request is required", "speech_understanding", (ids: GatewayIds) => ({ transcript_id: ids.id, speech_understanding: {} }), "Invalid request: missing required field 'speech_understanding.request'"),
  und("request is one of the three tasks (none)", "speech_understanding", task({}), "Invalid request: 'speech_understanding.request' must give exactly one of 'translation', 'speaker_identification', 'custom_formatting' (it gives 0)"),
  und("request is one of the three tasks (oneOf: not two)", "speech_understanding", task({ speaker_identification: ROLES, custom_formatting: { date: "mm/dd/yyyy" } }), "Invalid request: 'speech_understanding.request' must give exactly one of 'translation', 'speaker_identification', 'custom_formatting' (it gives 2)"),
  und("translation needs target_languages", "speech_understanding", task({ translation: { formal: true } }), "Invalid request: missing required field 'speech_understanding.request.translation.target_languages'"),
  und("target_languages lists strings", "speech_understanding", task({ translation: { target_languages: [1] } }), "Invalid request: 'speech_understanding.request.translation.target_languages.0' must be a string"),
  und("formal is a boolean", "speech_understanding", task({ translation: { target_languages: ["es"], formal: "yes" } }), "Invalid request: 'speech_understanding.request.translation.formal' must be a boolean"),
  und("custom_formatting patterns are strings", "speech_understanding", task({ custom_formatting: { date: 5 } }), "Invalid request: 'speech_understanding.request.custom_formatting.date' must be a string"),
  und("speaker_type is required", "speech_understanding", sid({ known_values: ["a"] }), `Invalid request: missing required field '${SID}.speaker_type'`),
  und("speaker_type is role or name", "speech_understanding", sid({ speaker_type: "job", known_values: ["a"] }), `Invalid request: '${SID}.speaker_type' must be one of 'role', 'name'`),
  und("known_values is an array", "speech_understanding", sid({ speaker_type: "role", known_values: "clinician" }), `Invalid request: '${SID}.known_values' must be an array`),
  und("known_values: 35 characters or less (its description)", "speech_understanding", sid({ speaker_type: "role", known_values: ["x".repeat(36)] }), `Invalid request: '${SID}.known_values.0' must be 35 characters or less (each value)`, "valid"),
  und("role needs known_values or speakers (its description)", "speech_understanding", sid({ speaker_type: "role" }), `Invalid request: '${SID}.known_values' (or 'speakers') is required if speaker_type is "role"`, "valid"),
  und("each speaker has its role (its description)", "speech_understanding", sid({ speaker_type: "role", speakers: [{ description: "asks questions" }] }), `Invalid request: '${SID}.speakers.0.role' is required when speaker_type is "role"`, "valid"),
  und("speakers is an array", "speech_understanding", sid({ speaker_type: "name", speakers: "Dr Reyes" }), `Invalid request: '${SID}.speakers' must be an array`),
  und("speakers are objects", "speech_understanding", sid({ speaker_type: "name", speakers: ["Dr Reyes"] }), `Invalid request: '${SID}.speakers.0' must be an object`),
  und("model, when given, is a string", "model", (ids: GatewayIds) => ({ ...sid(ROLES)(ids), model: 5 }), "Invalid request: 'model' must be a string", "absent"),
  und("model, when given, is served by the region (404)", "model", (ids: GatewayIds) => ({ ...sid(ROLES)(ids), model: "gpt-9" }), 'Model "gpt-9" is not a model of the LLM Gateway\'s US region. See GET /v1/models for the models this region serves.', "absent", 404),
  und("transcript_id names a transcript of the caller (404)", "transcript_id", { transcript_id: "00000000-0000-4000-8000-000000000000", speech_understanding: { request: { speaker_identification: ROLES } } }, "Transcript not found", "valid", 404),
  und("the transcript is completed", "transcript_id", (ids: GatewayIds) => ({ transcript_id: ids.pending, speech_understanding: { request: { speaker_identification: ROLES } } }), 'Transcript is not completed (status is "queued")', "valid"),
  und("the transcript has speaker labels", "transcript_id", (ids: GatewayIds) => ({ transcript_id: ids.plain, speech_understanding: { request: { speaker_identification: ROLES } } }), "Speaker identification needs a transcript created with speaker_labels: true", "valid"),
];

const cases = [...chatCases, ...understandingCases];
const PATHS = { chat: "/v1/chat/completions", understanding: "/v1/understanding" } as const;
const SCHEMAS = { chat: "LLMGatewayRequest", understanding: "UnderstandingRequest" } as const;
const bodyOf = (c: GatewayCase, ids: GatewayIds): Body => (typeof c.body === "function" ? c.body(ids) : c.body);

function expectEnvelope(reply: GatewayReply, status: number): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.json["error"]?.["code"], "error.code is the status").toBe(status);
  if (referenceAvailable) expect(loadSpecs().errors("llm-gateway.yml", "ErrorResponse", reply.json)).toEqual([]);
}

describe("the gateway routes refuse what the spec refuses (one request per rule)", () => {
  it("has a rule for every documented parameter of both routes, each rule named once", () => {
    expect(new Set(cases.map((c) => `${c.route}: ${c.rule}`)).size).toBe(cases.length);
    const fields = (route: GatewayCase["route"]) => [...new Set(cases.filter((c) => c.route === route).map((c) => c.field))].sort();
    expect(fields("chat")).toEqual(["body", "max_tokens", "messages", "model", "prompt", "response_format", "stream", "temperature", "tool_choice", "tools", "transcript_id"]);
    expect(fields("understanding")).toEqual(["body", "model", "speech_understanding", "transcript_id"]);
  });

  it.each(cases.map((c) => [`${c.route}: ${c.rule}`, c] as const))("%s", async (_, c) => {
    const { send, ids } = await gatewaySetup();
    const reply = await send(PATHS[c.route], bodyOf(c, ids));
    expectEnvelope(reply, c.status);
    expect(reply.json["error"]["message"]).toBe(c.error);
  });
});

describe.skipIf(!referenceAvailable)("each invalid request, against llm-gateway.yml with ajv", () => {
  const ids: GatewayIds = { id: "t-1", plain: "t-2", pending: "t-3" };
  it.each(cases.filter((c) => typeof c.body !== "string").map((c) => [`${c.route}: ${c.rule}`, c] as const))("%s", (_, c) => {
    const errors = loadSpecs().errors("llm-gateway.yml", SCHEMAS[c.route], bodyOf(c, ids));
    if (c.spec === "invalid") expect(errors, "the spec's schema refuses it too").not.toEqual([]);
    else expect(errors, "the schema allows it: the rule is in a description, the docs, the sandbox's own, or about a field the spec lacks").toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Every error status the docs list

/** chat-completions.mdx "Common error codes": each status and how the sandbox answers it, or why it cannot. */
const STATUS_PROOFS: Record<number, { gap: string } | { prove: (ctx: Awaited<ReturnType<typeof gatewaySetup>>) => Promise<GatewayReply> }> = {
  400: { prove: ({ send }) => send(PATHS.chat, { messages: user }) },
  401: { prove: ({ send }) => send(PATHS.chat, CHAT, "not-a-key") },
  403: { gap: "no permissions model: every accepted key may use every route (there is no request the docs say is forbidden)" },
  404: { prove: ({ send }) => send(PATHS.chat, { ...CHAT, model: "gpt-9" }) },
  429: {
    prove: ({ send, sb }) => {
      sb.faults.add({ route: "chat", kind: "status", status: 429, retryAfterSeconds: 3, times: 1 });
      return send(PATHS.chat, CHAT);
    },
  },
  500: {
    prove: ({ send, sb }) => {
      sb.faults.add({ route: "understanding", kind: "status", status: 500, times: 1 });
      return send(PATHS.understanding, { transcript_id: "x", speech_understanding: { request: { speaker_identification: ROLES } } });
    },
  },
};

describe.skipIf(!referenceAvailable)("every error status the docs list is answered in the error envelope, or is a listed gap", () => {
  const documented = (): number[] => {
    const page = readFileSync(`${REFERENCE_DIR}/docs/chat-completions.mdx`, "utf8");
    const table = page.slice(page.indexOf("#### Common error codes"));
    return [...table.matchAll(/^\|\s*(\d{3})\s*\|/gm)].map((m) => Number(m[1]));
  };

  it("covers exactly the statuses of chat-completions.mdx's table", () => {
    expect(documented().length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(STATUS_PROOFS).map(Number).sort()).toEqual([...documented()].sort());
  });

  it.each(Object.entries(STATUS_PROOFS).filter(([, p]) => "prove" in p))("%s", async (status, p) => {
    const ctx = await gatewaySetup();
    const reply = await (p as { prove: (c: typeof ctx) => Promise<GatewayReply> }).prove(ctx);
    expectEnvelope(reply, Number(status));
    if (status === "429") expect(reply.headers.get("retry-after")).toBe("3");
  });

  it("lists each status it cannot produce with its reason", () => {
    const gaps = Object.entries(STATUS_PROOFS).filter(([, p]) => "gap" in p);
    expect(gaps.map(([s]) => s)).toEqual(["403"]);
  });
});
