import type { SleepFn } from "../internal/sleep.js";
import type { RequestGate } from "./request-gate.js";

/** AssemblyAI data region: picks both the v2 API host and the LLM Gateway host. */
export type Region = "us" | "eu";

/**
 * Options shared by {@link TranscriptsClient} and {@link GatewayClient}.
 *
 * @example
 * ```ts
 * const opts: ClientOptions = { apiKey: env.ASSEMBLYAI_API_KEY, region: "eu", timeoutMs: 30_000 };
 * ```
 */
export interface ClientOptions {
  /** AssemblyAI API key, sent as the raw `Authorization` header (no `Bearer`). */
  apiKey: string;
  /** Data region. `"eu"` uses api.eu.assemblyai.com and llm-gateway.eu.assemblyai.com. @default "us" */
  region?: Region;
  /** Overrides the region for the v2 API, e.g. `http://localhost:8787` for the sandbox. */
  baseUrl?: string;
  /** Overrides the region for the LLM Gateway, WITHOUT `/v1`. */
  gatewayBaseUrl?: string;
  /** fetch to use; called unbound. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Per-attempt timeout in ms of reads, creates and deletes. Chat and understanding calls get this
   * plus {@link chatTimeoutPerTokenMs} per `max_tokens`. @default 60000
   */
  timeoutMs?: number;
  /**
   * An upload fails when no byte moved for this long, however long the whole upload takes.
   * @default 60000
   */
  uploadIdleTimeoutMs?: number;
  /**
   * Extra time a chat (or understanding) attempt gets per token it may write (`max_tokens`, 1000
   * when unset): the attempt's timeout is `timeoutMs + max_tokens × this`, so a 4000-token note gets
   * 60 s + 200 s. @default 50
   */
  chatTimeoutPerTokenMs?: number;
  /**
   * Whether a chat or understanding call is sent again after it timed out. The gateway may still be
   * writing (and will bill) the first answer, so a retry can pay twice. @default false
   */
  retryOnTimeout?: boolean;
  /** Retries after the first attempt, where the retry policy allows one. @default 2 */
  maxRetries?: number;
  /** Sleep used between retries (inject for tests). @default setTimeout-based */
  sleep?: SleepFn;
  /** Clock in ms (inject for tests). @default Date.now */
  now?: () => number;
  /** Random number in [0, 1) for jitter (inject for tests). @default Math.random */
  random?: () => number;
  /**
   * Awaited before every attempt (a batch scheduler's stage limits and request budget); its wait
   * is not part of the attempt's timeout. @default none: every attempt goes at once
   */
  gate?: RequestGate;
}

/** Per-call overrides accepted by every client method. */
export interface RequestOptions {
  /** Abort the call (and its retries). */
  signal?: AbortSignal;
  /**
   * Per-attempt timeout in ms for this call. For an upload it is the inactivity timeout (no byte
   * moved); for a chat or understanding call it replaces the timeout sized by `max_tokens`.
   */
  timeoutMs?: number;
  /** Retries for this call. */
  maxRetries?: number;
  /** For a chat or understanding call: send it again after a timeout (may bill twice). */
  retryOnTimeout?: boolean;
}

/** Hosts per region, from AssemblyAI's docs. The gateway host is given without `/v1`. */
export const REGION_HOSTS: Readonly<Record<Region, { api: string; gateway: string }>> = {
  us: { api: "https://api.assemblyai.com", gateway: "https://llm-gateway.assemblyai.com" },
  eu: { api: "https://api.eu.assemblyai.com", gateway: "https://llm-gateway.eu.assemblyai.com" },
};

/** Default per-attempt timeout. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default inactivity timeout of an upload. */
export const DEFAULT_UPLOAD_IDLE_TIMEOUT_MS = 60_000;
/** Default extra chat timeout per token of `max_tokens`. */
export const DEFAULT_CHAT_TIMEOUT_PER_TOKEN_MS = 50;
/** The gateway's `max_tokens` when a request gives none. */
export const GATEWAY_DEFAULT_MAX_TOKENS = 1000;
/** Default number of retries. */
export const DEFAULT_MAX_RETRIES = 2;
