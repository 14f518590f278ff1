import type { z } from "zod";
import type { ClientOptions, RequestOptions } from "../../http/client-options.js";
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
 */
export class GatewayClient {
  private readonly http: HttpClient;

  constructor(options: ClientOptions) {
    this.http = new HttpClient(resolveConfig(options));
  }

  private url(path: string): string {
    return `${this.http.config.gatewayBaseUrl}/v1${path}`;
  }

  /**
   * `POST /v1/chat/completions`. The request is checked first (RequestValidationError, nothing
   * sent); `usage` comes back normalised to `{input_tokens, output_tokens, total_tokens}`. Error
   * messages never quote the prompt: any echo of it is masked.
   *
   * @example
   * ```ts
   * const res = await gateway.chat({ model, messages: [{ role: "user", content: "Hi" }], max_tokens: 50 });
   * ```
   */
  async chat(req: ChatCompletionRequest, o?: RequestOptions): Promise<ChatCompletion> {
    const body = parseParams(chatCompletionRequestSchema, req, "chat completion request");
    const texts = messageTexts(body);
    return this.http.send({
      method: "POST",
      url: this.url("/chat/completions"),
      operation: "POST /v1/chat/completions",
      schema: chatCompletionSchema,
      mode: "replayable",
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
   * identification, translation, custom formatting).
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

  private async sendUnderstanding<T>(req: UnderstandingRequest, schema: z.ZodType<T>, o: RequestOptions | undefined): Promise<T> {
    const body = parseParams(understandingRequestSchema, req, "understanding request");
    return this.http.send({
      method: "POST",
      url: this.url("/understanding"),
      operation: "POST /v1/understanding",
      schema,
      mode: "replayable",
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
