import type { Context } from "hono";
import { fullNoteText, minimalInstance, sectionText, structuredAnswer, type AnswerFaults } from "../chat/answer.js";
import { parseChatRequest, unsupportedParameter, type ChatMessage } from "../chat/chat-request.js";
import { SECTIONS, requestedSection, type Section } from "../chat/sections.js";
import { withSpeakerRoles } from "../chat/speaker-roles.js";
import { rolesFromPrompt, splitPrompt, unitsFromText } from "../chat/transcript-units.js";
import { randomId } from "../crypto.js";
import type { Engine } from "../engine.js";
import { gatewayError } from "../http-errors.js";
import type { SandboxEnv } from "../middleware.js";
import { modelOrRefusal } from "./gateway-models.js";

/** The literal placeholder the gateway fills when `transcript_id` is given. */
export const TRANSCRIPT_PLACEHOLDER = "{{ transcript }}";

/** What every answer says about itself. */
export const EMULATOR_NOTE =
  "Answered by the soap-notes sandbox, an emulator of the AssemblyAI LLM Gateway API: deterministic extractive text, not a language model.";

const contentText = (m: ChatMessage): string => (typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join("\n"));

/** Replaces only the first placeholder of the first message that has one. */
export function substituteTranscript(messages: ChatMessage[], text: string): ChatMessage[] {
  let done = false;
  return messages.map((m): ChatMessage => {
    if (done) return m;
    const content = m.content;
    if (typeof content === "string") {
      if (!content.includes(TRANSCRIPT_PLACEHOLDER)) return m;
      done = true;
      return { ...m, content: content.replace(TRANSCRIPT_PLACEHOLDER, () => text) };
    }
    const idx = content.findIndex((p) => p.text.includes(TRANSCRIPT_PLACEHOLDER));
    if (idx === -1 || m.role === "tool") return m; // a tool message's content is a string
    done = true;
    return { ...m, content: content.map((p, i) => (i === idx ? { ...p, text: p.text.replace(TRANSCRIPT_PLACEHOLDER, () => text) } : p)) };
  });
}

const tokens = (chars: number): number => Math.max(1, Math.ceil(chars / 4));

function jsonShape(schema: Record<string, unknown>, outside: string): "four" | Section | "other" {
  const props = Object.keys((schema["properties"] ?? {}) as Record<string, unknown>);
  if (SECTIONS.every((s) => props.includes(s))) return "four";
  if (props.includes("statements")) return requestedSection(outside) ?? "subjective";
  return "other";
}

/** POST /v1/chat/completions. */
export function chatHandler(engine: Engine) {
  return async (c: Context<SandboxEnv>) => {
    const started = engine.now();
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return gatewayError(c, 400, "Invalid request: the body must be a JSON object");
    }
    const parsed = parseChatRequest(raw);
    if (!parsed.ok) return gatewayError(c, parsed.refusal.status, parsed.refusal.message);
    const req = parsed.request;
    const model = modelOrRefusal(engine, c, req.model);
    if (model instanceof Response) return model;
    const unsupported = unsupportedParameter(req, model);
    if (unsupported) return gatewayError(c, unsupported.status, unsupported.message);
    // Documented (OpenAI models only) but not emulated: the sandbox answers no server-sent events.
    if (req.stream) return gatewayError(c, 400, "Invalid request: 'stream: true' (server-sent events) is not emulated by the soap-notes sandbox; leave stream out or send false");
    let messages: ChatMessage[] = req.messages && req.messages.length > 0 ? req.messages : [{ role: "user", content: req.prompt ?? "" }];
    engine.advance();
    if (req.transcript_id) {
      const stored = engine.state.transcripts.get(req.transcript_id);
      if (!stored || stored.owner !== c.get("owner")) return gatewayError(c, 404, "Transcript not found");
      if (stored.status !== "completed") return gatewayError(c, 400, `Transcript is not completed (status is "${stored.status}")`);
      // API-NOTES.md: the gateway inserts the transcript's `text` (as stored: redacted if it was), nothing else.
      const text = stored.deleted ? "Deleted by user." : stored.rendered?.text ?? "";
      messages = substituteTranscript(messages, text);
    }
    const flat = messages.map((m) => ({ role: m.role, content: contentText(m) }));
    engine.state.chatRequests.push({ transcriptId: req.transcript_id ?? null, messages: flat });
    const { transcript, outside } = splitPrompt(flat);
    const roles = rolesFromPrompt(outside);
    // The answer comes from what the model was sent, and nothing more. With transcript_id that is the
    // plain `text`: no speaker labels, no roles (a model cannot attribute speakers from it reliably,
    // so the sandbox does not either), and no "A:"-style labels read into it.
    const units = unitsFromText(transcript, roles, { lineLabels: !req.transcript_id });
    const fault = engine.faults.take("chat", ["invented_quote", "missing_section", "schema_violation"]);
    const faults: AnswerFaults = {
      inventedQuote: fault?.kind === "invented_quote",
      missingSection: fault?.kind === "missing_section" ? fault.section ?? "plan" : null,
      schemaViolation: fault?.kind === "schema_violation",
    };
    let content: string;
    const schema = req.response_format?.json_schema.schema;
    if (schema) {
      const shape = jsonShape(schema, outside);
      const value = shape === "other" ? (faults.schemaViolation ? {} : minimalInstance(schema)) : structuredAnswer(units, shape, faults);
      content = JSON.stringify(value);
    } else {
      const section = requestedSection(outside);
      content = section ? sectionText(units, section, faults) : fullNoteText(units, faults);
    }
    content = withSpeakerRoles(content, { outside, schema, units, schemaViolation: faults.schemaViolation });
    const maxTokens = req.max_tokens ?? 1000;
    let finish = "stop";
    if (tokens(content.length) > maxTokens) {
      content = content.slice(0, maxTokens * 4);
      finish = "length";
    }
    const input = tokens(flat.reduce((n, m) => n + m.content.length, 0));
    const output = tokens(content.length);
    const requestId = randomId();
    c.header("x-soap-sandbox", "emulator");
    return c.json({
      id: `sandbox-${requestId}`,
      request_id: requestId,
      model: req.model,
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finish }],
      // Response.request: "A copy of the original request, excluding `prompt` and `messages`" (its documented fields).
      request: {
        model: req.model,
        max_tokens: maxTokens,
        ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
        ...(req.tools !== undefined ? { tools: req.tools } : {}),
        ...(req.tool_choice !== undefined ? { tool_choice: req.tool_choice } : {}),
      },
      usage: { input_tokens: input, output_tokens: output, total_tokens: input + output },
      http_status_code: 200,
      response_time: Math.max(0, engine.now() - started) * 1_000_000,
      llm_status_code: 200,
      sandbox: { emulator: true, note: EMULATOR_NOTE },
    });
  };
}
