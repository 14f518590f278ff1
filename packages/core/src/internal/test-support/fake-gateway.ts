import type { ChatCompletion, ChatCompletionRequest } from "../../clients/gateway/chat-schemas.js";
import type { RequestOptions } from "../../http/client-options.js";

export type Section = "subjective" | "objective" | "assessment" | "plan";

/** The section a one-section request asks for: the only SOAP word its user messages name. */
export function requestedSection(req: ChatCompletionRequest): Section | undefined {
  const text = (req.messages ?? [])
    .filter((m) => m.role === "user")
    .map((m) => (typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join("")))
    .join("\n")
    .replace(/<transcript>[\s\S]*<\/transcript>/g, "");
  const named = (["subjective", "objective", "assessment", "plan"] as const).filter((s) => new RegExp(`\\b${s}\\b`, "i").test(text));
  return named.length === 1 ? named[0] : undefined;
}

/**
 * A gateway that answers through `respond` after `delay()` resolves, and records every request and
 * the maximum number of calls in flight at once.
 */
export class FakeGateway {
  readonly requests: ChatCompletionRequest[] = [];
  active = 0;
  maxActive = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly respond: (req: ChatCompletionRequest, call: number) => string | Error,
    private readonly manual = false,
  ) {}

  /** With `manual`, calls wait until released; releases the oldest `n`. */
  release(n = 1): void {
    for (let i = 0; i < n; i++) this.waiting.shift()?.();
  }

  get pending(): number {
    return this.waiting.length;
  }

  async chat(req: ChatCompletionRequest, _o?: RequestOptions): Promise<ChatCompletion> {
    const call = this.requests.length;
    this.requests.push(req);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (this.manual) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else await Promise.resolve();
      const answer = this.respond(req, call);
      if (answer instanceof Error) throw answer;
      return {
        choices: [{ message: { role: "assistant", content: answer }, finish_reason: "stop" }],
        usage: { input_tokens: 100, output_tokens: 10, total_tokens: 110 },
      };
    } finally {
      this.active--;
    }
  }
}

/** Lets queued promise callbacks run. */
export async function flush(times = 10): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}
