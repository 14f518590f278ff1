import type { z } from "zod";
import { systemClock, systemScheduler, type Clock, type Scheduler } from "./clock.js";
import { fixtureSchema, type Fixture } from "./fixture-schema.js";
import { DEFAULT_MODELS, GATEWAY_REGIONS, type GatewayModelInfo, type GatewayRegion } from "./models.js";
import { DEFAULT_SPEECH_MODELS, type SpeechModelInfo } from "./speech-models.js";
import type { RouteName } from "./routes-names.js";

/** The documented key the sandbox accepts by default. Not a secret. */
export const DEMO_API_KEY = "sandbox-demo-key";

/** Latency of one route: `baseMs` plus a seeded uniform jitter in [0, jitterMs). */
export interface LatencySpec {
  baseMs: number;
  jitterMs?: number;
}

/** Options of `createSandbox`. */
export interface SandboxOptions {
  /** Sample visits (validated with `fixtureSchema`). @default [] */
  fixtures?: readonly unknown[];
  /** Accepted raw keys for `Authorization`. @default ["sandbox-demo-key"] */
  apiKeys?: readonly string[];
  /** Time a job stays `queued`. @default 50 */
  queuedMs?: number;
  /** Time a job stays `processing`. @default 200 */
  processingMs?: number;
  /** Jobs processed at once; more wait `queued` with `throttled: true`. @default 32 */
  concurrency?: number;
  /** @default Date.now */
  clock?: Clock;
  /** @default globalThis.setTimeout */
  scheduler?: Scheduler;
  /** Seed of the random source used by probability faults and latency jitter. @default 1 */
  seed?: number;
  /** Latency per route name, or "*" for all. @default none */
  latency?: Partial<Record<RouteName | "*", LatencySpec>>;
  /** fetch used to deliver webhooks. @default globalThis.fetch */
  webhookFetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Time between webhook tries. @default 10000 */
  webhookRetryIntervalMs?: number;
  /** Tries per webhook. @default 10 */
  webhookMaxAttempts?: number;
  /** A webhook answer slower than this counts as failed. @default 10000 */
  webhookTimeoutMs?: number;
  /** Origin used in `upload_url`, `resource_url` and page URLs. @default the request's origin */
  publicBaseUrl?: string;
  /**
   * `speech_model_used` when a transcript has no model of its own. Create requests must name
   * `speech_models` (the spec requires it), so only transcripts made outside the create route use it.
   * @default "universal-3-pro"
   */
  defaultSpeechModel?: string;
  /**
   * The speech models `POST /v2/transcript` accepts, with their per-model rules (keyterms, prompt,
   * temperature). @default DEFAULT_SPEECH_MODELS
   */
  speechModels?: readonly SpeechModelInfo[];
  /**
   * The gateway region this instance emulates: GET /v1/models lists the catalogue's models of this
   * region, and chat/understanding refuse (404) a model the region does not serve. The EU gateway
   * serves Claude and Gemini only. @default "us"
   */
  region?: GatewayRegion;
  /** The model catalogue (each model with its `available_regions`). @default DEFAULT_MODELS */
  models?: readonly GatewayModelInfo[];
  /**
   * Status for an unknown transcript id on the v2 by-id routes, always with the body
   * `{"error": "Transcript lookup error, transcript id not found"}`. AssemblyAI's errors guide shows
   * 400; openapi.yml also lists 404. Clients must handle both. @default 400
   */
  notFoundStatus?: 400 | 404;
  /** Serve POST /__sandbox/faults, GET /__sandbox/counters, POST /__sandbox/reset. @default false */
  admin?: boolean;
}

export interface ResolvedOptions {
  fixtures: Fixture[];
  apiKeys: Set<string>;
  queuedMs: number;
  processingMs: number;
  concurrency: number;
  clock: Clock;
  scheduler: Scheduler;
  seed: number;
  latency: Partial<Record<RouteName | "*", LatencySpec>>;
  webhookFetch: (input: string, init: RequestInit) => Promise<Response>;
  webhookRetryIntervalMs: number;
  webhookMaxAttempts: number;
  webhookTimeoutMs: number;
  publicBaseUrl: string | null;
  defaultSpeechModel: string;
  speechModels: readonly SpeechModelInfo[];
  region: GatewayRegion;
  models: GatewayModelInfo[];
  notFoundStatus: 400 | 404;
  admin: boolean;
}

/** Thrown by `createSandbox` for a bad fixture, with the fixture's index and the zod issues. */
export class FixtureValidationError extends Error {
  override readonly name = "FixtureValidationError";
  readonly index: number;
  readonly issues: z.core.$ZodIssue[];
  constructor(index: number, error: z.ZodError) {
    super(`Fixture #${index} does not match the fixture format: ${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, { cause: error });
    this.index = index;
    this.issues = error.issues;
  }
}

const nonNegative = (name: string, v: number | undefined, d: number): number => {
  const value = v ?? d;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
  return value;
};

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const fixtures = (options.fixtures ?? []).map((raw, i) => {
    const parsed = fixtureSchema.safeParse(raw);
    if (!parsed.success) throw new FixtureValidationError(i, parsed.error);
    return parsed.data;
  });
  const concurrency = options.concurrency ?? 32;
  const region = options.region ?? "us";
  if (!GATEWAY_REGIONS.includes(region)) throw new RangeError(`region must be one of ${GATEWAY_REGIONS.join(", ")}`);
  const notFoundStatus = options.notFoundStatus ?? 400;
  if (notFoundStatus !== 400 && notFoundStatus !== 404) throw new RangeError("notFoundStatus must be 400 or 404");
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError("concurrency must be a positive integer");
  return {
    fixtures,
    apiKeys: new Set(options.apiKeys ?? [DEMO_API_KEY]),
    queuedMs: nonNegative("queuedMs", options.queuedMs, 50),
    processingMs: nonNegative("processingMs", options.processingMs, 200),
    concurrency,
    clock: options.clock ?? systemClock,
    scheduler: options.scheduler ?? systemScheduler,
    seed: options.seed ?? 1,
    latency: options.latency ?? {},
    webhookFetch: options.webhookFetch ?? ((input, init) => globalThis.fetch(input, init)),
    webhookRetryIntervalMs: nonNegative("webhookRetryIntervalMs", options.webhookRetryIntervalMs, 10_000),
    webhookMaxAttempts: Math.max(1, options.webhookMaxAttempts ?? 10),
    webhookTimeoutMs: nonNegative("webhookTimeoutMs", options.webhookTimeoutMs, 10_000),
    publicBaseUrl: options.publicBaseUrl ? options.publicBaseUrl.replace(/\/+$/, "") : null,
    defaultSpeechModel: options.defaultSpeechModel ?? "universal-3-pro",
    speechModels: [...(options.speechModels ?? DEFAULT_SPEECH_MODELS)],
    region,
    models: [...(options.models ?? DEFAULT_MODELS)],
    notFoundStatus,
    admin: options.admin ?? false,
  };
}
