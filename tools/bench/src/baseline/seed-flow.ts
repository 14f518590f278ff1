import { SEED_METHOD1_PROMPT, SEED_METHOD2_QUESTIONS, SEED_MODEL, SEED_TRANSCRIPTION, seedSectionPrompt } from "./seed-prompts.js";

/** A fetch-compatible function (plain `fetch` in the benchmark, a fake in tests). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Where and how the seed-style flow talks to the API. */
export interface SeedFlowOptions {
  apiKey: string;
  /** v2 API origin, e.g. the sandbox's. The tutorial uses https://api.assemblyai.com. */
  baseUrl: string;
  /** LLM Gateway origin WITHOUT /v1. The tutorial uses https://llm-gateway.assemblyai.com. */
  gatewayBaseUrl: string;
  /** @default globalThis.fetch */
  fetch?: FetchLike;
  /** The tutorial sleeps 3 s between polls. @default 3000 */
  pollIntervalMs?: number;
  /** @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown where the tutorial throws `new Error(...)`: any non-2xx answer, or a failed transcript. */
export class SeedFlowError extends Error {
  override readonly name = "SeedFlowError";
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The body of the tutorial's gateway request: the prompt, then the `{{ transcript }}` placeholder. */
export function seedChatRequest(prompt: string, transcriptId: string, maxTokens: number) {
  return {
    model: SEED_MODEL,
    messages: [{ role: "user" as const, content: `${prompt}\n\n{{ transcript }}` }],
    transcript_id: transcriptId,
    max_tokens: maxTokens,
  };
}

interface ChatAnswer {
  choices: { message: { content: string } }[];
}

/**
 * A faithful re-implementation of the tutorial's JavaScript flow, as a yardstick (not product
 * code): the whole file in memory, one upload, fixed 3 s polling, no retries (any non-2xx throws),
 * Method 1 as one request and Method 2 as four requests one after another.
 */
export class SeedFlow {
  readonly #o: Required<Omit<SeedFlowOptions, "fetch" | "sleep">> & { fetch: FetchLike; sleep: (ms: number) => Promise<void> };
  readonly #headers: Record<string, string>;

  constructor(o: SeedFlowOptions) {
    this.#o = {
      apiKey: o.apiKey,
      baseUrl: o.baseUrl.replace(/\/+$/, ""),
      gatewayBaseUrl: o.gatewayBaseUrl.replace(/\/+$/, ""),
      pollIntervalMs: o.pollIntervalMs ?? 3000,
      fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      sleep: o.sleep ?? defaultSleep,
    };
    this.#headers = { authorization: o.apiKey };
  }

  /** POST /v2/upload with the whole file's bytes as the body (the tutorial's `fs.readFile` then fetch). */
  async upload(audioData: Uint8Array<ArrayBuffer>): Promise<string> {
    const res = await this.#o.fetch(`${this.#o.baseUrl}/v2/upload`, { method: "POST", headers: this.#headers, body: audioData });
    if (!res.ok) throw new SeedFlowError(`Error: ${res.status}`, res.status);
    const uploadResponse = (await res.json()) as { upload_url: string };
    return uploadResponse.upload_url;
  }

  /** POST /v2/transcript with the tutorial's parameters; returns the transcript id. */
  async createTranscript(uploadUrl: string): Promise<string> {
    const data = { audio_url: uploadUrl, ...SEED_TRANSCRIPTION, speech_models: [...SEED_TRANSCRIPTION.speech_models], redact_pii_policies: [...SEED_TRANSCRIPTION.redact_pii_policies] };
    const res = await this.#o.fetch(`${this.#o.baseUrl}/v2/transcript`, {
      method: "POST",
      headers: { ...this.#headers, "Content-Type": "application/json" },
      body: JSON.stringify(data),
    });
    if (!res.ok) throw new SeedFlowError(`Error: ${res.status}`, res.status);
    const transcriptResponse = (await res.json()) as { id: string };
    return transcriptResponse.id;
  }

  /** Polls GET /v2/transcript/{id} every `pollIntervalMs` until completed (throws on error). */
  async poll(transcriptId: string): Promise<{ text: string; polls: number }> {
    const pollingEndpoint = `${this.#o.baseUrl}/v2/transcript/${transcriptId}`;
    for (let polls = 1; ; polls++) {
      const res = await this.#o.fetch(pollingEndpoint, { headers: this.#headers });
      if (!res.ok) throw new SeedFlowError(`Error: ${res.status}`, res.status);
      const transcriptionResult = (await res.json()) as { status: string; text?: string; error?: string };
      if (transcriptionResult.status === "completed") return { text: transcriptionResult.text ?? "", polls };
      if (transcriptionResult.status === "error") throw new SeedFlowError(`Transcription failed: ${transcriptionResult.error ?? ""}`);
      await this.#o.sleep(this.#o.pollIntervalMs);
    }
  }

  /** Upload, create and poll: the tutorial's transcription part. Returns the transcript id. */
  async transcribe(audioData: Uint8Array<ArrayBuffer>): Promise<string> {
    const uploadUrl = await this.upload(audioData);
    const id = await this.createTranscript(uploadUrl);
    await this.poll(id);
    return id;
  }

  async #chat(prompt: string, transcriptId: string, maxTokens: number): Promise<string> {
    const llmGatewayData = seedChatRequest(prompt, transcriptId, maxTokens);
    const res = await this.#o.fetch(`${this.#o.gatewayBaseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { ...this.#headers, "Content-Type": "application/json" },
      body: JSON.stringify(llmGatewayData),
    });
    if (!res.ok) throw new SeedFlowError(`Error: ${res.status}`, res.status);
    const response = (await res.json()) as ChatAnswer;
    return (response.choices[0]?.message.content ?? "").trim();
  }

  /** Method 1: the whole note in one request. */
  method1(transcriptId: string): Promise<string> {
    return this.#chat(SEED_METHOD1_PROMPT, transcriptId, 2000);
  }

  /** Method 2: the four sections, one request after another. */
  async method2(transcriptId: string): Promise<{ section: string; text: string }[]> {
    const out: { section: string; text: string }[] = [];
    for (const q of SEED_METHOD2_QUESTIONS) {
      out.push({ section: q.section, text: await this.#chat(seedSectionPrompt(q), transcriptId, 1000) });
    }
    return out;
  }
}
