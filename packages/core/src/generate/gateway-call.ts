import type { RenderedRequest } from "@org/soap-prompts";
import type { ChatCompletion, ChatCompletionRequest } from "../clients/gateway/chat-schemas.js";
import type { RequestOptions } from "../http/client-options.js";
import type { Usage } from "../note/soap-note.js";
import type { AnswerIssue } from "./generation-errors.js";
import { safeParse } from "../internal/zod-parse.js";
import type * as z from "zod/mini";

/** The part of `GatewayClient` the engine uses (tests pass a fake). */
export interface ChatGateway {
  chat(req: ChatCompletionRequest, o?: RequestOptions): Promise<ChatCompletion>;
}

/** One answered request. */
export interface Answer {
  content: string;
  usage: Usage;
}

export const ZERO_USAGE: Usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
}

/** The chat request for a rendered request (the `section` marker stays on our side). */
export function chatRequest(rendered: RenderedRequest, model: string): ChatCompletionRequest {
  const req: ChatCompletionRequest = { model, messages: rendered.messages.map((m) => ({ ...m })), max_tokens: rendered.max_tokens };
  if (rendered.temperature !== undefined) req.temperature = rendered.temperature;
  if (rendered.response_format) req.response_format = rendered.response_format as ChatCompletionRequest["response_format"];
  if (rendered.transcript_id !== undefined) req.transcript_id = rendered.transcript_id;
  return req;
}

export async function ask(gateway: ChatGateway, req: ChatCompletionRequest, signal?: AbortSignal): Promise<Answer> {
  const res = await gateway.chat(req, signal ? { signal } : undefined);
  return { content: res.choices[0]?.message.content ?? "", usage: res.usage ?? ZERO_USAGE };
}

/** Strips one surrounding code fence (```json … ```), which models add despite instructions. */
function unfence(content: string): string {
  const m = /^\s*(?:```|~~~)[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*(?:```|~~~)\s*$/.exec(content);
  return m ? (m[1] as string) : content;
}

/** Parses a JSON answer against a zod schema; issues carry paths and messages only. */
export function parseJsonAnswer<T>(
  content: string,
  schema: z.core.$ZodType<T>,
): { ok: true; value: T } | { ok: false; issues: AnswerIssue[] } {
  let value: unknown;
  try {
    value = JSON.parse(unfence(content));
  } catch {
    return { ok: false, issues: [{ path: [], message: "the answer is not valid JSON" }] };
  }
  const result = safeParse(schema, value);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "number" ? p : String(p))), message: i.message })),
  };
}

/** The follow-up message of the one repair retry. */
export function repairMessage(issues: AnswerIssue[]): string {
  const list = issues
    .slice(0, 10)
    .map((i) => `- at ${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("\n");
  return `Your answer did not match the required JSON schema:\n${list}\nAnswer again with only the corrected JSON object, no other text.`;
}
