import { createFailure } from "./uncertain-create.js";
import { RequestValidationError } from "../../errors/response-validation-error.js";
import type { ClientOptions, RequestOptions } from "../../http/client-options.js";
import { HttpClient } from "../../http/http-client.js";
import { resolveConfig } from "../../http/resolve-config.js";
import { parseParams } from "../../http/validate.js";
import {
  createTranscriptParamsSchema,
  listTranscriptsParamsSchema,
  type CreateTranscriptParams,
  type ListTranscriptsParams,
} from "./create-transcript-params.js";
import { TranscriptListing, type ListQuery } from "./list-transcripts.js";
import {
  transcriptListSchema,
  transcriptSchema,
  uploadResponseSchema,
  type ParagraphsResponse,
  type RedactedAudioResponse,
  type SentencesResponse,
  type Transcript,
  type UploadResponse,
  type WordSearchResponse,
} from "./transcript-schemas.js";
import { transcriptEndpoints, transcriptPath, type SubtitleFormat } from "./transcript-endpoints.js";
import { waitForTranscript, type WaitOptions } from "./wait-for-transcript.js";

/** Audio accepted by {@link TranscriptsClient.upload}. */
export type UploadBody = ReadableStream<Uint8Array> | Blob | Uint8Array | ArrayBuffer;

/** Options of {@link TranscriptsClient}: {@link ClientOptions} plus transcription defaults. */
export interface TranscriptsClientOptions extends ClientOptions {
  /**
   * `speech_models` sent when a create call gives none (priority order). Take it from your
   * configuration: model names change over time, so none is built in. The spec requires the field,
   * so a create with neither fails with RequestValidationError before anything is sent.
   */
  defaultSpeechModels?: readonly string[];
}

/**
 * Client for AssemblyAI's v2 transcripts API: upload, create, get, wait, delete, list, sentences,
 * paragraphs and redacted audio. Works on Node 20+, Workers and browsers; every answer is
 * validated with zod, every error is typed.
 *
 * @example
 * ```ts
 * const transcripts = new TranscriptsClient({ apiKey, region: "eu", defaultSpeechModels: ["universal-3-pro"] });
 * const { upload_url } = await transcripts.upload(file.stream());
 * const created = await transcripts.create({ audio_url: upload_url, speaker_labels: true });
 * const done = await transcripts.wait(created.id, { onPoll: (t) => console.log(t.status) });
 * ```
 */
export class TranscriptsClient {
  private readonly http: HttpClient;
  private readonly defaultSpeechModels: readonly string[] | undefined;

  constructor(options: TranscriptsClientOptions) {
    this.http = new HttpClient(resolveConfig(options));
    this.defaultSpeechModels = options.defaultSpeechModels;
  }

  private get base(): string {
    return this.http.config.apiBaseUrl;
  }

  private url(path: string, query?: ListQuery): string {
    const qs = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : "";
    return `${this.http.config.apiBaseUrl}${path}${qs}`;
  }

  /**
   * Uploads audio (`POST /v2/upload`) and returns its private `upload_url`. A `ReadableStream` is
   * streamed (`duplex: "half"`), never buffered, and therefore never retried (it cannot be
   * replayed); bytes and Blobs are retried on 429/5xx/connection errors. The upload times out only
   * when no byte moved for `uploadIdleTimeoutMs` (or `o.timeoutMs`), however long it takes in all.
   *
   * @example
   * ```ts
   * const { upload_url } = await transcripts.upload(new Uint8Array(bytes));
   * ```
   */
  async upload(body: UploadBody, o?: RequestOptions): Promise<UploadResponse> {
    const isStream = typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
    return this.http.send({
      method: "POST",
      url: this.url("/v2/upload"),
      operation: "POST /v2/upload",
      schema: uploadResponseSchema,
      mode: isStream ? "no-replay" : "replayable",
      body: body as BodyInit,
      streamBody: isStream,
      idleTimeout: true,
      request: o,
    });
  }

  /**
   * Creates a transcript (`POST /v2/transcript`). `speech_models` comes from the call or the
   * client's `defaultSpeechModels`. Parameters are checked first
   * (RequestValidationError, nothing sent). The POST is retried only when AssemblyAI certainly did
   * not process it (429, 503, connection never made); after any other failure where it may have
   * been accepted, a TranscriptCreateUncertainError tells you to look for it with `list()` instead
   * of creating a duplicate that would be billed twice. (An AbortError from your own signal after
   * the request left can also leave a transcript behind; a ResponseValidationError on a 200 means
   * it was created.)
   *
   * @example
   * ```ts
   * const t = await transcripts.create({
   *   audio_url, speaker_labels: true, domain: "medical-v1",
   *   redact_pii: true, redact_pii_policies: ["person_name", "date_of_birth"], redact_pii_sub: "entity_name",
   * });
   * ```
   */
  async create(params: CreateTranscriptParams, o?: RequestOptions): Promise<Transcript> {
    const withModels =
      params.speech_models === undefined && this.defaultSpeechModels
        ? { ...params, speech_models: [...this.defaultSpeechModels] }
        : params;
    if (withModels.speech_models === undefined) {
      // openapi.yml makes speech_models required; model names change, so the default is configuration.
      throw new RequestValidationError(
        "Invalid transcript parameters: speech_models is required. Pass it, or set defaultSpeechModels on the client from your configuration.",
        { issues: [{ path: ["speech_models"], message: "required" }] },
      );
    }
    const body = parseParams(createTranscriptParamsSchema, withModels, "transcript parameters");
    const secret = body.webhook_auth_header_value;
    return this.http.send({
      method: "POST",
      url: this.url("/v2/transcript"),
      operation: "POST /v2/transcript",
      schema: transcriptSchema,
      mode: "at-most-once",
      mapFailure: createFailure,
      json: body,
      secrets: secret ? [secret] : [],
      request: o,
    });
  }

  /**
   * Fetches a transcript in whatever state it is (`GET /v2/transcript/{id}`).
   *
   * @example
   * ```ts
   * const t = await transcripts.get(id);
   * if (t.status === "completed") console.log(t.utterances?.length);
   * ```
   */
  async get(id: string, o?: RequestOptions): Promise<Transcript> {
    return this.http.send(transcriptEndpoints.get(this.base, id, o));
  }

  /**
   * Polls until the transcript is `completed` and returns it: every 150 ms at first, then at 6 % of
   * the time waited (so it learns of the completion at most ~6 % late), capped at 5 s, with jitter. Throws TranscriptFailedError (`status: "error"`),
   * TimeoutError with `transcriptId` (deadline passed) or AbortError (signal).
   *
   * @example
   * ```ts
   * const done = await transcripts.wait(id, { deadlineMs: 15 * 60_000, signal, onPoll: (t) => log(t.status) });
   * ```
   */
  async wait(id: string, o: WaitOptions = {}): Promise<Transcript> {
    transcriptPath(id);
    const cfg = this.http.config;
    return waitForTranscript(id, (tid, req) => this.get(tid, req), {
      ...o,
      sleep: o.sleep ?? cfg.sleep,
      now: o.now ?? cfg.now,
      random: o.random ?? cfg.random,
    });
  }

  /**
   * Deletes a transcript's data and its uploaded file (`DELETE /v2/transcript/{id}`); the answer
   * has `text: "Deleted by user."`.
   *
   * @example
   * ```ts
   * await transcripts.delete(id);
   * ```
   */
  async delete(id: string, o?: RequestOptions): Promise<Transcript> {
    return this.http.send(transcriptEndpoints.delete(this.base, id, o));
  }

  /**
   * Lists your transcripts newest first (`GET /v2/transcript`), page after page following
   * `page_details.prev_url`. Iterate for transcripts, or use `.pages()` for whole pages.
   *
   * @example
   * ```ts
   * for await (const t of transcripts.list({ status: "completed", limit: 50 })) console.log(t.id);
   * ```
   */
  list(params: ListTranscriptsParams = {}, o?: RequestOptions): TranscriptListing {
    const parsed = parseParams(listTranscriptsParamsSchema, params, "list parameters");
    const first: ListQuery = {};
    for (const [key, value] of Object.entries(parsed)) if (value !== undefined) first[key] = String(value);
    return new TranscriptListing(
      (query) =>
        this.http.send({
          method: "GET",
          url: this.url("/v2/transcript", query),
          operation: "GET /v2/transcript",
          schema: transcriptListSchema,
          mode: "idempotent",
          request: o,
        }),
      first,
    );
  }

  /**
   * The transcript split into sentences (`GET /v2/transcript/{id}/sentences`).
   *
   * @example
   * ```ts
   * const { sentences } = await transcripts.sentences(id);
   * ```
   */
  async sentences(id: string, o?: RequestOptions): Promise<SentencesResponse> {
    return this.http.send(transcriptEndpoints.sentences(this.base, id, o));
  }

  /**
   * The transcript split into paragraphs (`GET /v2/transcript/{id}/paragraphs`).
   *
   * @example
   * ```ts
   * const { paragraphs } = await transcripts.paragraphs(id);
   * ```
   */
  async paragraphs(id: string, o?: RequestOptions): Promise<ParagraphsResponse> {
    return this.http.send(transcriptEndpoints.paragraphs(this.base, id, o));
  }

  /**
   * Where the PII-redacted audio is (`GET /v2/transcript/{id}/redacted-audio`; needs
   * `redact_pii_audio: true`; the URL lives 24 hours).
   *
   * @example
   * ```ts
   * const { redacted_audio_url } = await transcripts.redactedAudio(id);
   * ```
   */
  async redactedAudio(id: string, o?: RequestOptions): Promise<RedactedAudioResponse> {
    return this.http.send(transcriptEndpoints.redactedAudio(this.base, id, o));
  }

  /**
   * Finds words or phrases (up to five words each) in a completed transcript
   * (`GET /v2/transcript/{id}/word-search`).
   *
   * @example
   * ```ts
   * const { matches } = await transcripts.wordSearch(id, ["metformin", "chest pain"]);
   * ```
   */
  async wordSearch(id: string, words: readonly string[], o?: RequestOptions): Promise<WordSearchResponse> {
    return this.http.send(transcriptEndpoints.wordSearch(this.base, id, words, o));
  }

  /**
   * The transcript as SRT or VTT captions (`GET /v2/transcript/{id}/{srt|vtt}`), as text.
   *
   * @example
   * ```ts
   * const vtt = await transcripts.subtitles(id, "vtt", { charsPerCaption: 32 });
   * ```
   */
  async subtitles(id: string, format: SubtitleFormat, options: RequestOptions & { charsPerCaption?: number } = {}): Promise<string> {
    const { charsPerCaption, ...request } = options;
    return this.http.send(transcriptEndpoints.subtitles(this.base, id, format, charsPerCaption, request));
  }
}
