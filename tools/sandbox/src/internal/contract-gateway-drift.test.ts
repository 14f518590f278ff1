import { describe, expect, it } from "vitest";
import { chatRequestSchema, MESSAGE_ROLES, TOOL_CHOICE_MODES } from "./chat/chat-request.js";
import { SPEAKER_TYPES, UNDERSTANDING_TASKS, understandingRequestSchema } from "./chat/understanding-request.js";
import { gatewaySetup } from "./test-support/gateway-setup.js";
import { loadSpecs, referenceAvailable } from "./test-support/spec.js";
import { samples, type SpecSchema } from "./test-support/spec-samples.js";

/**
 * Drift check of the LLM Gateway routes, like the one of `POST /v2/transcript` in contract-create.test.ts:
 * a walk over every property of llm-gateway.yml's `LLMGatewayRequest` and `UnderstandingRequest` (each
 * enum value, each type, the bounds, each oneOf branch) sends a spec-valid body to the sandbox and
 * asserts it is answered 200, or refused for a reason listed in KNOWN_GAPS. Every gap must still
 * happen, so a gap the sandbox closes leaves the list.
 */

type Route = "chat" | "understanding";

/**
 * Spec-valid values the sandbox refuses, on purpose. A refusal is excused when the route and the walked
 * top-level field match, the model starts with `model` (chat, when given), the status matches and the
 * sandbox's message contains `refusal`.
 */
const KNOWN_GAPS: { route: Route; field: string; model?: string; status: number; refusal: string; reason: string }[] = [
  { route: "chat", field: "model", status: 404, refusal: "is not a model of the LLM Gateway", reason: "the spec types model as a bare string; the gateway serves a finite, changing list per region (the catalogue in models.ts; chat-completions.mdx: 404 for an invalid model)" },
  { route: "chat", field: "messages", status: 400, refusal: "'messages' is empty", reason: "no minItems in the spec, but chat-completions.mdx requires messages or prompt, and an empty list is neither" },
  { route: "chat", field: "stream", model: "claude-", status: 400, refusal: "is not supported by model", reason: "stream's description: \"Supported on OpenAI models only\"" },
  { route: "chat", field: "stream", model: "gpt-", status: 400, refusal: "is not emulated", reason: "streamed (SSE) answers are not emulated (README, Known gaps)" },
  { route: "chat", field: "response_format", model: "gpt-oss-", status: 400, refusal: "is not supported by model", reason: "response_format's description: \"Not supported by gpt-oss models\"" },
  { route: "understanding", field: "speech_understanding", status: 400, refusal: "'translation' is valid but not emulated", reason: "translation is not emulated (README, Known gaps)" },
  { route: "understanding", field: "speech_understanding", status: 400, refusal: "'custom_formatting' is valid but not emulated", reason: "custom formatting is not emulated (README, Known gaps)" },
  { route: "understanding", field: "speech_understanding", status: 400, refusal: "(or 'speakers') is required if speaker_type is \"role\"", reason: "known_values' description: \"Required if speaker_type is role\" (speakers is the documented alternative)" },
  { route: "understanding", field: "speech_understanding", status: 400, refusal: "is required when speaker_type is", reason: "speakers[].role / .name descriptions: \"Required when speaker_type is ...\"" },
];

/** The chat walk runs on one model of each kind the rules tell apart. */
const CHAT_MODELS = ["claude-sonnet-4-5-20250929", "gpt-4.1", "gpt-oss-20b"];

const gatewaySchemas = (): Record<string, SpecSchema> => loadSpecs().docs["llm-gateway.yml"]["components"]["schemas"];

describe.skipIf(!referenceAvailable)("drift: the gateway's parameters and enums are the spec's", () => {
  it("the sandbox knows exactly the spec's request fields (plus transcript_id on chat, model on understanding)", () => {
    const props = (name: string) => Object.keys(gatewaySchemas()[name]!["properties"] as object).sort();
    expect(Object.keys(chatRequestSchema.shape).sort()).toEqual([...props("LLMGatewayRequest"), "transcript_id"].sort());
    expect(Object.keys(understandingRequestSchema.shape).sort()).toEqual([...props("UnderstandingRequest"), "model"].sort());
    expect(gatewaySchemas()["LLMGatewayRequest"]!["required"]).toEqual(["model"]);
    expect([...gatewaySchemas()["UnderstandingRequest"]!["required"]].sort()).toEqual(["speech_understanding", "transcript_id"]);
  });

  it("the sandbox's enums are the spec's", () => {
    const s = gatewaySchemas();
    expect([...MESSAGE_ROLES]).toEqual([...s["UserAssistantSystemMessage"]!["properties"]["role"]["enum"], ...s["ToolMessage"]!["properties"]["role"]["enum"]]);
    expect([...TOOL_CHOICE_MODES]).toEqual(s["ToolChoice"]!["oneOf"][0]["enum"]);
    expect([...SPEAKER_TYPES]).toEqual(s["SpeakerIdentificationRequestBody"]!["properties"]["speaker_identification"]["properties"]["speaker_type"]["enum"]);
    const tasks = (s["UnderstandingRequest"]!["properties"]["speech_understanding"]["properties"]["request"]["oneOf"] as { $ref: string }[]).map((r) => Object.keys(s[r.$ref.split("/").pop()!]!["properties"])[0]);
    expect([...UNDERSTANDING_TASKS]).toEqual(tasks);
    expect(s["TextContent"]!["properties"]["type"]["enum"]).toEqual(["text"]);
    expect(s["Tool"]!["properties"]["type"]["enum"]).toEqual(["function"]);
    expect(s["ResponseFormat"]!["properties"]["type"]["enum"]).toEqual(["json_schema"]);
  });

  it("walks every property of both routes: each spec-valid value is answered 200, or refused for a listed reason", async () => {
    const { send, ids } = await gatewaySetup();
    const schemas = gatewaySchemas();
    const unexplained: string[] = [];
    const excused = new Set<string>();
    const accepted = new Set<string>();
    let walked = 0;
    const walk = async (route: Route, base: Record<string, unknown>, model?: string) => {
      const name = route === "chat" ? "LLMGatewayRequest" : "UnderstandingRequest";
      for (const [field, prop] of Object.entries(schemas[name]!["properties"] as Record<string, SpecSchema>)) {
        // The spec's own `examples` of a property are walked too (model: a real model id).
        const examples = ((prop["examples"] ?? []) as unknown[]).map((v) => ({ label: JSON.stringify(v), value: v }));
        for (const s of [...samples(prop, schemas), ...examples]) {
          // A transcript id must name a transcript: the walk uses the real one for every string sample.
          const value = field === "transcript_id" ? ids.id : s.value;
          const body = { ...base, [field]: value };
          walked++;
          expect(loadSpecs().errors("llm-gateway.yml", name, body), `the walk only makes spec-valid bodies: ${route} ${field} = ${s.label}`).toEqual([]);
          const reply = await send(route === "chat" ? "/v1/chat/completions" : "/v1/understanding", body);
          if (reply.status === 200) {
            accepted.add(`${route}.${field}`);
            continue;
          }
          const message = String(reply.json["error"]?.["message"]);
          const gap = KNOWN_GAPS.find((g) => g.route === route && g.field === field && g.status === reply.status && message.includes(g.refusal) && (!g.model || (model ?? "").startsWith(g.model)));
          if (gap) excused.add(`${gap.route} ${gap.field} ${gap.model ?? ""}: ${gap.refusal}`);
          else unexplained.push(`${route}${model ? ` (${model})` : ""} ${field} = ${s.label}: ${reply.status} ${message}`);
        }
      }
    };
    for (const model of CHAT_MODELS) await walk("chat", { model, messages: [{ role: "user", content: "Hello" }] }, model);
    await walk("understanding", { transcript_id: ids.id, speech_understanding: { request: { speaker_identification: { speaker_type: "role", known_values: ["clinician", "patient"] } } } });
    expect(unexplained).toEqual([]);
    expect(walked).toBeGreaterThan(80);
    // Every documented parameter has a value the sandbox takes.
    const params = (name: string, route: Route) => Object.keys(schemas[name]!["properties"]).map((p) => `${route}.${p}`);
    expect([...params("LLMGatewayRequest", "chat"), ...params("UnderstandingRequest", "understanding")].filter((p) => !accepted.has(p))).toEqual([]);
    // Every gap still happens: a gap the sandbox closed should leave the list.
    expect([...excused].sort()).toEqual(KNOWN_GAPS.map((g) => `${g.route} ${g.field} ${g.model ?? ""}: ${g.refusal}`).sort());
  });

  it("accepts the spec's own model example and every model of the emulated region's catalogue", async () => {
    const { send, sb } = await gatewaySetup();
    const examples = gatewaySchemas()["LLMGatewayRequest"]!["properties"]["model"]["examples"] as string[];
    const models = ((await (await sb.fetch("https://llm-gateway.assemblyai.com/v1/models")).json()) as { data: { id: string }[] }).data.map((m) => m.id);
    expect(models.length).toBeGreaterThanOrEqual(20);
    for (const model of [...examples, ...models]) {
      const reply = await send("/v1/chat/completions", { model, messages: [{ role: "user", content: "Hello" }] });
      expect(reply.status, `${model}: ${reply.text}`).toBe(200);
    }
  });
});
