import { RequestValidationError } from "../errors/response-validation-error.js";
import { defaultSleep, type SleepFn } from "../internal/sleep.js";
import {
  DEFAULT_CHAT_TIMEOUT_PER_TOKEN_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_UPLOAD_IDLE_TIMEOUT_MS,
  REGION_HOSTS, type ClientOptions, type Region } from "./client-options.js";
import type { RequestGate } from "./request-gate.js";
import { getDefaultFetch } from "./default-fetch.js";

/** {@link ClientOptions} with every default applied. */
export interface ResolvedConfig {
  apiKey: string;
  /** The data region (also when `baseUrl` / `gatewayBaseUrl` override its hosts). */
  region: Region;
  apiBaseUrl: string;
  gatewayBaseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  uploadIdleTimeoutMs: number;
  chatTimeoutPerTokenMs: number;
  retryOnTimeout: boolean;
  maxRetries: number;
  sleep: SleepFn;
  now: () => number;
  random: () => number;
  /** Admission control before every attempt, when given. */
  gate?: RequestGate | undefined;
}

/** A client option that cannot work: nothing was sent. */
function badOption(option: string, message: string): RequestValidationError {
  return new RequestValidationError(message, { issues: [{ path: [option], message }] });
}

function trimBase(url: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badOption(what, `${what} must be an absolute http(s) URL.`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw badOption(what, `${what} must be an absolute http(s) URL.`);
  }
  return url.replace(/\/+$/, "");
}

function nonNegativeInt(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) throw badOption(what, `${what} must be a non-negative number.`);
  return value;
}

function positive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) throw badOption(what, `${what} must be a positive number of milliseconds.`);
  return value;
}

/**
 * Applies defaults and checks options. Region "eu" sets both hosts; `baseUrl` / `gatewayBaseUrl`
 * override the region one by one.
 *
 * @example
 * ```ts
 * resolveConfig({ apiKey: "k", region: "eu" }).gatewayBaseUrl; // "https://llm-gateway.eu.assemblyai.com"
 * ```
 */
export function resolveConfig(options: ClientOptions): ResolvedConfig {
  if (typeof options.apiKey !== "string" || options.apiKey.trim() === "") {
    throw badOption("apiKey", "apiKey is required: pass your AssemblyAI API key (read it from your environment).");
  }
  const region = options.region ?? "us";
  const hosts = REGION_HOSTS[region];
  if (!hosts) throw badOption("region", 'region must be "us" or "eu".');
  return {
    apiKey: options.apiKey,
    region,
    apiBaseUrl: trimBase(options.baseUrl ?? hosts.api, "baseUrl"),
    gatewayBaseUrl: trimBase(options.gatewayBaseUrl ?? hosts.gateway, "gatewayBaseUrl").replace(/\/v1$/, ""),
    fetch: options.fetch ?? getDefaultFetch(),
    timeoutMs: positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs"),
    uploadIdleTimeoutMs: positive(options.uploadIdleTimeoutMs ?? DEFAULT_UPLOAD_IDLE_TIMEOUT_MS, "uploadIdleTimeoutMs"),
    chatTimeoutPerTokenMs: nonNegativeInt(options.chatTimeoutPerTokenMs ?? DEFAULT_CHAT_TIMEOUT_PER_TOKEN_MS, "chatTimeoutPerTokenMs"),
    retryOnTimeout: options.retryOnTimeout ?? false,
    maxRetries: Math.floor(nonNegativeInt(options.maxRetries ?? DEFAULT_MAX_RETRIES, "maxRetries")),
    sleep: options.sleep ?? defaultSleep,
    now: options.now ?? (() => Date.now()),
    random: options.random ?? Math.random,
    gate: options.gate,
  };
}
