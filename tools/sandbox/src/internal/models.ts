/** One entry of GET /v1/models (shape per API-NOTES.md; the endpoint is not in llm-gateway.yml). */
export interface GatewayModelInfo {
  id: string;
  provider: "anthropic" | "openai" | "google";
  supported_parameters: string[];
  available_regions: ("us" | "eu")[];
  retirement_date: string | null;
}

const common = ["messages", "prompt", "max_tokens", "temperature", "tools", "tool_choice", "response_format"];

const model = (id: string, provider: GatewayModelInfo["provider"]): GatewayModelInfo => ({
  id,
  provider,
  supported_parameters: provider === "openai" ? [...common, "stream"] : common,
  available_regions: provider === "openai" ? ["us"] : ["us", "eu"],
  retirement_date: null,
});

/** Model ids from docs/llm-gateway.mdx (EU serves Claude and Gemini only). */
export const DEFAULT_MODELS: readonly GatewayModelInfo[] = [
  model("claude-opus-4-6", "anthropic"),
  model("claude-sonnet-4-6", "anthropic"),
  model("claude-opus-4-5-20251101", "anthropic"),
  model("claude-sonnet-4-5-20250929", "anthropic"),
  model("claude-haiku-4-5-20251001", "anthropic"),
  model("claude-opus-4-20250514", "anthropic"),
  model("claude-sonnet-4-20250514", "anthropic"),
  model("claude-3-haiku-20240307", "anthropic"),
  model("gemini-3-pro-preview", "google"),
  model("gemini-3-flash-preview", "google"),
  model("gemini-2.5-pro", "google"),
  model("gemini-2.5-flash", "google"),
  model("gemini-2.5-flash-lite", "google"),
  model("gpt-5.2", "openai"),
  model("gpt-5.1", "openai"),
  model("gpt-5", "openai"),
  model("gpt-5-mini", "openai"),
  model("gpt-5-nano", "openai"),
  model("gpt-4.1", "openai"),
  model("gpt-oss-120b", "openai"),
  model("gpt-oss-20b", "openai"),
];
