import type * as z from "zod/mini";
import { RequestValidationError } from "../../errors/response-validation-error.js";
import { GATEWAY_DEFAULT_MAX_TOKENS, type ClientOptions, type Region, type RequestOptions } from "../../http/client-options.js";
import { HttpClient } from "../../http/http-client.js";
import { resolveConfig } from "../../http/resolve-config.js";
import { parseParams } from "../../http/validate.js";
import { chatCompletionRequestSchema, chatCompletionSchema, type ChatCompletion, type ChatCompletionRequest } from "./chat-schemas.js";
import {
  gatewayModelsResponseSchema,
  speakerIdentificationResponseSchema,
  understandingRequestSchema,
  understandingResponseSchema,
  type GatewayModel,
  type UnderstandingRequest,
  type UnderstandingResponse,
} from "./gateway-schemas.js";

/** Options of {@link GatewayClient}: the shared client options plus the model check. */
export interface GatewayClientOptions extends ClientOptions {
  /**
   * Check `model` against the region's `GET /v1/models` before chat and understanding requests, and
   * refuse a model the region does not serve (the EU gateway serves no OpenAI model) with a
   * RequestValidationError, nothing sent. The list is fetched once per client (one extra request,
   * cached in memory, failures included); when it cannot be fetched the request goes out unchecked
   * and the gateway decides. @default true
   */
  checkModels?: boolean;
}

/** Time the one model-list request of a client may take before the check gives up (and lets the request go). */
export const MODEL_CHECK_TIMEOUT_MS = 10_000;

/** Whether a model of `GET /v1/models` is served in `region` (no `available_regions`: assume it is). */
function servedIn(model: GatewayModel, region: Region): boolean {
  const regions = model.available_regions;
  return !regions || regions.length === 0 || regions.some((r) => r.toLowerCase() === region);
}

/** `p`, or "aborted" as soon as `signal` aborts (the listener is removed either way). */
async function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T | "aborted"> {
  if (!signal) return p;
  if (signal.aborted) return "aborted";
  let onAbort = (): void => undefined;
  const aborted = new Promise<"aborted">((resolve) => {
    onAbort = () => resolve("aborted");
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([p, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** Default role labels for a clinical visit. */
export const DEFAULT_SPEAKER_ROLES: readonly string[] = ["clinician", "patient"];

/** Result of {@link GatewayClient.identifySpeakerRoles}. */
export interface SpeakerRoles {
  /** Speaker label (e.g. "A") to role (e.g. "clinician"). Empty when the gateway found none. */
  mapping: Record<string, string>;
  /** Status the gateway reported for the task (e.g. "completed"). */
  status: string;
  /** The whole validated answer (utterances relabelled by role, words...). */
  response: UnderstandingResponse;
}

function messageTexts(req: ChatCompletionRequest): string[] {
  const texts = (req.messages ?? []).map((m) => (typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join("")));
  return req.prompt ? [...texts, req.prompt] : texts;
}

/**
 * Client for AssemblyAI's LLM Gateway: chat completions, the model list and speech understanding
 * (speaker roles). Chat requests are retried on 429, 5xx and connection errors: a completion has
 * no side effect and is billed per token, not per transcript, so a retry costs at most one more
 * answer's tokens, while failing a whole note on a transient 503 costs more.
 *
 * @example
 * ```ts
 * const gateway = new GatewayClient({ apiKey, region: "eu" });
 * const res = await gateway.chat({
 *   model: config.model,
 *   transcript_id: transcript.id,
 *   messages: [{ role: "user", content: "Write a SOAP note.\n<transcript>\n{{ transcript }}\n</transcript>" }],
 *   max_tokens: 2000,
 * });
 * console.log(res.choices[0]?.message.content, res.usage?.total_tokens);
 * ```
 *
 * Before a chat or understanding request that names a `model`, the client checks the model against
 * the region's model list (fetched once per client; opt out with `checkModels: false`).
 */
export class GatewayClient {
  private readonly http: HttpClient;
  private readonly checkModels: boolean;
  /** The region's model ids, fetched once (null: the list could not be had; the server decides). */
  private regionModels: Promise<string[] | null> | undefined;

  constructor(options: GatewayClientOptions) {
    this.http = new HttpClient(resolveConfig(options));
    this.checkModels = options.checkModels ?? true;
  }

  /** The ids the client's region serves, from one `GET /v1/models` per client; null when unknown. */
  private modelsOfRegion(): Promise<string[] | null> {
    const region = this.http.config.region;
    this.regionModels ??= this.models({ maxRetries: 0, timeoutMs: Math.min(MODEL_CHECK_TIMEOUT_MS, this.http.config.timeoutMs) }).then(
      (models) => {
        const ids = models.filter((m) => servedIn(m, region)).map((m) => m.id);
        return ids.length > 0 ? ids : null; // an empty list says nothing: let the server decide
      },
      () => null,
    );
    return this.regionModels;
  }

  /**
   * Refuses a model the client's region does not serve (RequestValidationError, nothing sent).
   * Waits for the model list at most until the caller's signal aborts (the send then reports it).
   */
  private async ensureModel(model: string, o: RequestOptions | undefined): Promise<void> {
    if (!this.checkModels) return;
    const ids = await untilAborted(this.modelsOfRegion(), o?.signal);
    if (ids === "aborted" || ids === null || ids.includes(model)) return;
    const region = this.http.config.region;
    const message =
      `Model "${model}" is not served by the LLM Gateway's ${region.toUpperCase()} region (${this.http.config.gatewayBaseUrl}). ` +
      `Models of the ${region.toUpperCase()} region: ${ids.join(", ")}.` +
      (region === "eu" ? " The EU gateway serves Claude and Gemini models only; OpenAI models are US-only." : "");
    throw new RequestValidationError(message, { issues: [{ path: ["model"], message: `not served in region ${region}` }] });
  }

  private url(path: string): string {
    return `${this.http.config.gatewayBaseUrl}/v1${path}`;
  }

  /** An answer's attempt timeout: the client's timeout plus time for every token it may write. */
  private answerTimeoutMs(maxTokens: number | null | undefined): number {
    const { timeoutMs, chatTimeoutPerTokenMs } = this.http.config;
    return timeoutMs + (maxTokens ?? GATEWAY_DEFAULT_MAX_TOKENS) * chatTimeoutPerTokenMs;
  }

  /**
   * `POST /v1/chat/completions`. The request is checked first (RequestValidationError, nothing
   * sent), the model too (against the region's model list, unless `checkModels: false`); `usage`
   * comes back normalised to `{input_tokens, output_tokens, total_tokens}`. Error messages never
   * quote the prompt: any echo of it is masked.
   *
   * @example
   * ```ts
   * const res = await gateway.chat({ model, messages: [{ role: "user", content: "Hi" }], max_tokens: 50 });
   * ```
   */
  async chat(req: ChatCompletionRequest, o?: RequestOptions): Promise<ChatCompletion> {
    const body = parseParams(chatCompletionRequestSchema, req, "chat completion request");
    await this.ensureModel(body.model, o);
    const texts = messageTexts(body);
    return this.http.send({
      method: "POST",
      url: this.url("/chat/completions"),
      operation: "POST /v1/chat/completions",
      schema: chatCompletionSchema,
      mode: "billed",
      timeoutMs: this.answerTimeoutMs(body.max_tokens),
      json: body,
      secrets: texts,
      echoSources: texts,
      request: o,
    });
  }

  /**
   * `GET /v1/models`: the models the gateway offers, with supported parameters, regions and
   * retirement dates when it sends them.
   *
   * @example
   * ```ts
   * const ids = (await gateway.models()).map((m) => m.id);
   * ```
   */
  async models(o?: RequestOptions): Promise<GatewayModel[]> {
    return this.http.send({
      method: "GET",
      url: this.url("/models"),
      operation: "GET /v1/models",
      schema: gatewayModelsResponseSchema,
      mode: "idempotent",
      request: o,
    });
  }

  /**
   * `POST /v1/understanding`: speech understanding tasks on an existing transcript (speaker
   * identification, translation, custom formatting). The spec's request has no `model`; when one is
   * given anyway it is checked like chat's.
   *
   * @example
   * ```ts
   * await gateway.understanding({ transcript_id: id, speech_understanding: { request: {
   *   speaker_identification: { speaker_type: "role", known_values: ["clinician", "patient"] } } } });
   * ```
   */
  async understanding(req: UnderstandingRequest, o?: RequestOptions): Promise<UnderstandingResponse> {
    return this.sendUnderstanding(req, understandingResponseSchema, o);
  }

  private async sendUnderstanding<T>(req: UnderstandingRequest, schema: z.core.$ZodType<T>, o: RequestOptions | undefined): Promise<T> {
    const body = parseParams(understandingRequestSchema, req, "understanding request");
    const model = (body as Record<string, unknown>)["model"];
    if (typeof model === "string") await this.ensureModel(model, o);
    return this.http.send({
      method: "POST",
      url: this.url("/understanding"),
      operation: "POST /v1/understanding",
      schema,
      mode: "billed",
      timeoutMs: this.answerTimeoutMs(undefined),
      json: body,
      request: o,
    });
  }

  /**
   * Labels the speakers of a diarised transcript (`speaker_labels: true`) by role, e.g. which of
   * "A"/"B" is the clinician, through `/v1/understanding` with `speaker_type: "role"`.
   *
   * @example
   * ```ts
   * const { mapping } = await gateway.identifySpeakerRoles(transcript.id); // { A: "clinician", B: "patient" }
   * ```
   */
  async identifySpeakerRoles(
    transcriptId: string,
    knownValues: readonly string[] = DEFAULT_SPEAKER_ROLES,
    o?: RequestOptions,
  ): Promise<SpeakerRoles> {
    const response = await this.sendUnderstanding(
      {
        transcript_id: transcriptId,
        speech_understanding: { request: { speaker_identification: { speaker_type: "role", known_values: [...knownValues] } } },
      },
      speakerIdentificationResponseSchema,
      o,
    );
    const task = response.speech_understanding.response.speaker_identification;
    return { mapping: task.mapping ?? {}, status: task.status, response };
  }
}
