import { TRANSCRIPT_PLACEHOLDER } from "@org/soap-prompts";
import * as z from "zod/mini";

/** The literal the gateway replaces with the transcript text when `transcript_id` is set (defined once, in `@org/soap-prompts`). */
export { TRANSCRIPT_PLACEHOLDER };

/** A text content part. */
export const textContentPartSchema = z.looseObject({ type: z.literal("text"), text: z.string() });

/**
 * A chat message, as llm-gateway.yml's `Message`: system, user or assistant with content as a string or
 * text parts (and an optional `name`), or a tool result with string content and the `tool_call_id` it
 * answers (the gateway refuses a tool message without one).
 */
export const chatMessageSchema = z.discriminatedUnion("role", [
  z.looseObject({
    role: z.enum(["system", "user", "assistant"]),
    content: z.union([z.string(), z.array(textContentPartSchema)]),
    name: z.optional(z.string()),
  }),
  z.looseObject({ role: z.literal("tool"), content: z.string(), tool_call_id: z.string() }),
]);
/** A chat message. */
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** `response_format` for structured output with a JSON schema. */
export const responseFormatSchema = z.looseObject({
  type: z.literal("json_schema"),
  json_schema: z.looseObject({
    name: z.string().check(z.minLength(1)),
    schema: z.record(z.string(), z.unknown()),
    strict: z.optional(z.boolean()),
  }),
});

function contentText(m: ChatMessage): string {
  return typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join("");
}

/**
 * Body of `POST /v1/chat/completions`. Give `messages` or `prompt`. With `transcript_id`, the
 * gateway puts the transcript's text in place of the first literal `{{ transcript }}`, so one
 * message must contain it. Streaming is not supported by this client. Extra fields pass through.
 */
export const chatCompletionRequestSchema = z
  .looseObject({
    model: z.string().check(z.minLength(1)),
    messages: z.optional(z.array(chatMessageSchema).check(z.minLength(1))),
    prompt: z.optional(z.string().check(z.minLength(1))),
    max_tokens: z.optional(z.int().check(z.gte(1))),
    temperature: z.optional(z.number().check(z.gte(0), z.lte(2))),
    transcript_id: z.optional(z.string().check(z.minLength(1))),
    response_format: z.optional(responseFormatSchema),
    stream: z.optional(z.literal(false)),
  }).check(z.superRefine((r, ctx) => {
    if (!r.messages && r.prompt === undefined) {
      ctx.addIssue({ code: "custom", path: ["messages"], message: "give messages or prompt" });
    }
    if (r.transcript_id !== undefined) {
      const texts = [...(r.messages ?? []).map(contentText), r.prompt ?? ""];
      if (!texts.some((t) => t.includes(TRANSCRIPT_PLACEHOLDER))) {
        ctx.addIssue({
          code: "custom",
          path: ["transcript_id"],
          message: `with transcript_id, a message must contain the literal ${TRANSCRIPT_PLACEHOLDER}`,
        });
      }
    }
  }));
/** Parameters of {@link GatewayClient.chat}. */
export type ChatCompletionRequest = z.input<typeof chatCompletionRequestSchema>;

/** Token usage, always in this shape whatever the gateway sent. */
export interface ChatUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

const count = z.int().check(z.gte(0));

/**
 * `usage` in either shape the gateway uses, `{input_tokens, output_tokens, total_tokens}` or
 * `{prompt_tokens, completion_tokens, total_tokens}`, normalised to the first.
 */
export const usageSchema = z.pipe(z.looseObject({
    input_tokens: z.optional(count),
    output_tokens: z.optional(count),
    prompt_tokens: z.optional(count),
    completion_tokens: z.optional(count),
    total_tokens: z.optional(count),
  }).check(z.refine((u) => (u.input_tokens ?? u.prompt_tokens) !== undefined && (u.output_tokens ?? u.completion_tokens) !== undefined, {
    message: "usage needs input_tokens/output_tokens or prompt_tokens/completion_tokens",
  })), z.transform((u): ChatUsage => {
    const input = u.input_tokens ?? u.prompt_tokens ?? 0;
    const output = u.output_tokens ?? u.completion_tokens ?? 0;
    return { input_tokens: input, output_tokens: output, total_tokens: u.total_tokens ?? input + output };
  }));

/** One choice of a completion. `content` is null when the model only called tools. */
export const chatChoiceSchema = z.looseObject({
  message: z.looseObject({ role: z.string(), content: z.nullable(z.string()) }),
  finish_reason: z.nullish(z.string()),
  tool_calls: z.optional(z.array(z.looseObject({ id: z.string(), type: z.string(), function: z.looseObject({ name: z.string(), arguments: z.string() }) }))),
});

/** Body of a chat completion answer, with `usage` normalised. */
export const chatCompletionSchema = z.looseObject({
  request_id: z.optional(z.string()),
  choices: z.array(chatChoiceSchema).check(z.minLength(1)),
  usage: z.optional(usageSchema),
  request: z.optional(z.looseObject({})),
});
/** A chat completion. `usage` is `{input_tokens, output_tokens, total_tokens}` when sent. */
export type ChatCompletion = z.output<typeof chatCompletionSchema>;
