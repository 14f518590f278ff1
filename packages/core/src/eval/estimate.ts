import { getTemplate } from "@org/soap-prompts";
import { costOf, type PriceTable } from "./prices.js";

/**
 * Characters per token assumed by estimates: about 4 for English text with the tokenizers LLM
 * Gateway models use. Real counts differ by model (often within ±20 %); a run's notes record the
 * true usage.
 */
export const CHARS_PER_TOKEN = 4;

/** What one note is expected to cost before it is written (see {@link estimateNoteCost}). */
export interface NoteCostEstimate {
  requests: number;
  /** Input tokens: the rendered prompts over {@link CHARS_PER_TOKEN}. */
  input_tokens: number;
  /** The most output tokens the requests may write (their `max_tokens`). */
  max_output_tokens: number;
  /** Cost with every request writing its `max_tokens`: an upper bound; `null` without a price for the model. */
  max_cost: number | null;
}

/**
 * Estimates one note's requests, tokens and cost before sending anything: renders the template's
 * requests with the transcript (`transcript` as text; `null` when it is not known yet, e.g. audio
 * not transcribed: then the estimate covers the prompts only), counts input tokens at
 * {@link CHARS_PER_TOKEN} characters each, takes every request's `max_tokens` as the output bound,
 * and prices both with the user's table.
 * @throws {TemplateNotFoundError} for an unknown template ref.
 *
 * @example
 * ```ts
 * estimateNoteCost("soap-complete@1", dialogue, "claude-sonnet-4-5-20250929", prices).max_cost;
 * ```
 */
export function estimateNoteCost(templateRef: string, transcript: string | null, model: string, prices: PriceTable | undefined): NoteCostEstimate {
  const template = getTemplate(templateRef);
  const requests = template.render({ transcript: { kind: "text", text: transcript ?? "" } });
  let chars = 0;
  let maxOut = 0;
  for (const r of requests) {
    for (const m of r.messages) chars += m.content.length;
    maxOut += r.max_tokens;
  }
  const input = Math.ceil(chars / CHARS_PER_TOKEN);
  return { requests: requests.length, input_tokens: input, max_output_tokens: maxOut, max_cost: costOf(prices, model, { input_tokens: input, output_tokens: maxOut, requests: requests.length }) };
}
