import * as z from "zod/mini";

const rate = z.number().check(z.nonnegative("must be a number of at least 0"));

/**
 * zod schema of one model's price: money per million input and output tokens, and optionally per
 * request. All in the table's `currency`.
 */
export const modelPriceSchema = z.strictObject({
  input_per_million: rate,
  output_per_million: rate,
  per_request: z.optional(rate),
});

/**
 * zod schema of a price table the user configures (`soap.config.json`'s `prices`, or `--prices
 * <file>`): a currency and, per model id as the LLM Gateway names it, its prices. soap-notes ships
 * no prices as truth: these change, and only the user knows theirs.
 *
 * @example
 * ```ts
 * priceTableSchema.parse({ currency: "USD", models: { "claude-sonnet-4-5-20250929": { input_per_million: 3, output_per_million: 15 } } });
 * ```
 */
export const priceTableSchema = z.strictObject({
  currency: z.string().check(z.minLength(1, "name the currency, e.g. USD")),
  models: z.record(z.string().check(z.minLength(1)), modelPriceSchema),
  /** Free text: where the prices come from, when they were checked. */
  note: z.optional(z.string()),
});

/** A price table (see {@link priceTableSchema}). */
export type PriceTable = z.infer<typeof priceTableSchema>;
/** One model's prices. */
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** Token counts and requests to price. */
export interface PricedUsage {
  input_tokens: number;
  output_tokens: number;
  requests: number;
}

/**
 * What `usage` of `model` costs under `prices`, or `null` when the table has no price for that
 * model (a report then says the cost is unknown rather than guessing).
 *
 * @example
 * ```ts
 * costOf(prices, "claude-sonnet-4-5-20250929", { input_tokens: 2000, output_tokens: 500, requests: 1 }); // 0.0135
 * ```
 */
export function costOf(prices: PriceTable | undefined, model: string | undefined, usage: PricedUsage): number | null {
  if (prices === undefined || model === undefined) return null;
  const price = prices.models[model];
  if (price === undefined) return null;
  return (usage.input_tokens * price.input_per_million + usage.output_tokens * price.output_per_million) / 1_000_000 + usage.requests * (price.per_request ?? 0);
}
