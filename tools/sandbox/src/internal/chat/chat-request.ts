import { z } from "zod";
import type { GatewayModelInfo } from "../models.js";
import { describeRequestIssue } from "./request-issues.js";

/**
 * `POST /v1/chat/completions` bodies, checked like llm-gateway.yml's `LLMGatewayRequest` (and the
 * rules its descriptions and chat-completions.mdx state). Objects stay open where the spec leaves
 * them open (no `additionalProperties: false`), so unknown fields pass, as they would there.
 */

/** `TextContent`: the only content part the gateway takes. */
const textPart = z.looseObject({ type: z.literal("text"), text: z.string() });

/** `UserAssistantSystemMessage` roles. */
const CONVERSATION_ROLES = ["user", "assistant", "system"] as const;
/** `Message` roles: `UserAssistantSystemMessage`'s, then `ToolMessage`'s. */
export const MESSAGE_ROLES = [...CONVERSATION_ROLES, "tool"] as const;
/** The string forms of `ToolChoice`. */
export const TOOL_CHOICE_MODES = ["none", "auto"] as const;

/** `UserAssistantSystemMessage`. */
const userAssistantSystemMessage = z.looseObject({
  role: z.enum(CONVERSATION_ROLES),
  content: z.union([z.string(), z.array(textPart)]),
  name: z.string().optional(),
});

/** `ToolMessage`: string content and the `tool_call_id` it answers. */
const toolMessage = z.looseObject({ role: z.literal("tool"), content: z.string(), tool_call_id: z.string() });

/** `Message`: one of the two, by `role` (the spec's discriminator). */
export const messageSchema = z.discriminatedUnion("role", [userAssistantSystemMessage, toolMessage]);
export type ChatMessage = z.infer<typeof messageSchema>;

/** `Tool` with its `FunctionDescription`. */
const toolSchema = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({ name: z.string(), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()) }),
});

/** `ToolChoice`: "none", "auto", or a named function. */
const toolChoiceSchema = z.union([
  z.enum(TOOL_CHOICE_MODES),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) }),
]);

/** `ResponseFormat` with its `JsonSchemaConfig`. */
const responseFormatSchema = z.looseObject({
  type: z.literal("json_schema"),
  json_schema: z.looseObject({ name: z.string(), schema: z.record(z.string(), z.unknown()), strict: z.boolean().optional() }),
});

/** `LLMGatewayRequest`, plus the documented top-level `transcript_id` (API-NOTES.md). */
export const chatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(messageSchema).optional(),
  prompt: z.string().optional(),
  max_tokens: z.number({ error: (issue) => (issue.code === "invalid_type" ? "must be an integer" : undefined) }).int({ error: "must be an integer" }).min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  stream: z.boolean().optional(),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  response_format: responseFormatSchema.optional(),
  transcript_id: z.string().min(1).optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

/**
 * The parameters the spec says some models do not take, each with the value that means "not used":
 * checked against the model's `supported_parameters` (the catalogue follows these descriptions).
 */
const MODEL_PARAMETERS: { name: keyof ChatRequest; unused?: unknown; why: string }[] = [
  { name: "stream", unused: false, why: "streamed responses are supported on OpenAI models only" },
  { name: "response_format", why: "structured outputs are not supported by gpt-oss models" },
];

/** A refusal: the status and the one-line message of the gateway's error envelope. */
export interface Refusal {
  status: 400;
  message: string;
}

/** The body as a {@link ChatRequest}, or the refusal of its first problem (shape, then the documented cross-field rules). */
export function parseChatRequest(raw: unknown): { ok: true; request: ChatRequest } | { ok: false; refusal: Refusal } {
  const parsed = chatRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, refusal: { status: 400, message: describeRequestIssue(parsed.error, raw) } };
  const r = parsed.data;
  // chat-completions.mdx: "Either `messages` or `prompt` is required." An empty list is no messages.
  if ((r.messages === undefined || r.messages.length === 0) && r.prompt === undefined) {
    const message = r.messages ? "Invalid request: 'messages' is empty and there is no 'prompt' (give one of them)" : "Invalid request: either 'messages' or 'prompt' is required";
    return { ok: false, refusal: { status: 400, message } };
  }
  return { ok: true, request: r };
}

/**
 * A parameter the model does not take (its `supported_parameters` in GET /v1/models), or null. The
 * spec's descriptions: `stream` is "Supported on OpenAI models only", `response_format` is "Not
 * supported by gpt-oss models". `stream: false` is the default and never refused.
 */
export function unsupportedParameter(request: ChatRequest, model: GatewayModelInfo): Refusal | null {
  for (const p of MODEL_PARAMETERS) {
    const value = request[p.name];
    if (value === undefined || value === p.unused || model.supported_parameters.includes(p.name)) continue;
    return { status: 400, message: `Invalid request: '${p.name}' is not supported by model '${model.id}' (${p.why}). See GET /v1/models for each model's supported_parameters.` };
  }
  return null;
}
