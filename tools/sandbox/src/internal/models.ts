/** A region of the LLM Gateway: `llm-gateway.assemblyai.com` (us) or `llm-gateway.eu.assemblyai.com` (eu). */
export type GatewayRegion = "us" | "eu";

/** The regions a sandbox can emulate. */
export const GATEWAY_REGIONS: readonly GatewayRegion[] = ["us", "eu"];

/** One entry of GET /v1/models (shape per API-NOTES.md; the endpoint is not in llm-gateway.yml). */
export interface GatewayModelInfo {
  id: string;
  provider: "anthropic" | "openai" | "google";
  supported_parameters: string[];
  available_regions: GatewayRegion[];
  retirement_date: string | null;
}

const common = ["messages", "prompt", "max_tokens", "temperature", "tools", "tool_choice", "response_format"];

const model = (id: string, provider: GatewayModelInfo["provider"]): GatewayModelInfo => ({
  id,
  provider,
  // llm-gateway.yml: `stream` is "Supported on OpenAI models only"; `response_format` is "Not supported by gpt-oss models".
  supported_parameters: [...(id.startsWith("gpt-oss-") ? common.filter((p) => p !== "response_format") : common), ...(provider === "openai" ? ["stream"] : [])],
  // docs/llm-gateway-select-the-region.mdx: Claude and Gemini in US and EU; OpenAI GPT in the US only.
  available_regions: provider === "openai" ? ["us"] : ["us", "eu"],
  retirement_date: null,
});

/**
 * The model catalogue (fixture data): the ids of docs/llm-gateway.mdx, each with the regions that
 * serve it. The EU gateway serves Claude and Gemini only; OpenAI models are US-only.
 */
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

/** The models one region's gateway serves: the catalogue entries whose `available_regions` include it. */
export function modelsForRegion(catalogue: readonly GatewayModelInfo[], region: GatewayRegion): GatewayModelInfo[] {
  return catalogue.filter((m) => m.available_regions.includes(region));
}

/** The per-region catalogues of the default fixture data: `MODEL_CATALOGUE.eu` has no gpt-* model. */
export const MODEL_CATALOGUE: Readonly<Record<GatewayRegion, readonly GatewayModelInfo[]>> = {
  us: modelsForRegion(DEFAULT_MODELS, "us"),
  eu: modelsForRegion(DEFAULT_MODELS, "eu"),
};

/**
 * The gateway's answer to a `model` this region does not serve: 404 with the documented envelope
 * (llm-gateway.yml `ErrorResponse`). The status and wording are the sandbox's choice (the docs do
 * not show this error); `metadata` names the model, the region and what the region serves.
 */
export function unknownModelError(modelId: string, region: GatewayRegion, catalogue: readonly GatewayModelInfo[]): {
  message: string;
  metadata: { model: string; region: GatewayRegion; available_models: string[] };
} {
  const other = catalogue.find((m) => m.id === modelId);
  const why = other
    ? `is not available in the ${region.toUpperCase()} region of the LLM Gateway (it is served in: ${other.available_regions.map((r) => r.toUpperCase()).join(", ")})`
    : `is not a model of the LLM Gateway's ${region.toUpperCase()} region`;
  const message = `Model "${modelId}" ${why}. See GET /v1/models for the models this region serves.`;
  return { message, metadata: { model: modelId, region, available_models: modelsForRegion(catalogue, region).map((m) => m.id) } };
}
