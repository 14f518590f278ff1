import { parseVisitConfig } from "@org/soap-core/visit";
import { ConfigError, type SoapConfig } from "@org/soap-prompts";
import type { NoteJobMessage } from "../jobs/note-job-message.js";
import { bindingsSchema } from "./bindings-schema.js";
import { deploymentIssues, type BindingIssue } from "./deployment-rules.js";

/** The validated configuration of one deployment, built from its bindings by {@link parseAppConfig}. */
export interface AppConfig {
  db: D1Database;
  noteJobs: Queue<NoteJobMessage>;
  /** Cloudflare's Rate Limiting binding: requests per client IP, counted before any D1 read. */
  ipRateLimiter: RateLimit;
  assemblyaiApiKey: string;
  webhookSecret: string;
  /** The webhook secret before a rotation (still accepted), if one is under way. */
  webhookSecretPrevious: string | undefined;
  /** Hours from a job's end until its transcript is deleted at AssemblyAI; undefined keeps it. */
  retentionHours: number | undefined;
  /** Without a trailing slash. */
  publicBaseUrl: string;
  /** Signs review page links; undefined: minting one answers 409 (not configured). */
  reviewLinkSecret: string | undefined;
  soap: SoapConfig;
  rateLimitPerMinute: number;
  /** Per-tenant limits on creating requests (new notes, section regenerations) and on audio. */
  limits: TenantLimits;
  /** Refuse requests that turn PII redaction off. */
  enforceRedaction: boolean;
  /** Local development against the sandbox: http and private audio URLs, an http public URL. */
  development: boolean;
  assemblyaiBaseUrl: string | undefined;
  gatewayBaseUrl: string | undefined;
  /** Core's HTTP timeouts (undefined: core's defaults). */
  http: HttpTimeouts;
}

/** Per-tenant limits; every key of a tenant counts against the same numbers. */
export interface TenantLimits {
  /** Creating requests per tenant per minute (fixed window). */
  createsPerMinute: number;
  /** Creating requests per tenant per UTC day. */
  createsPerDay: number;
  /** Jobs of a tenant in `creating`, `transcribing`, `queued` or `generating` at once. */
  maxInFlight: number;
  /** Longest recording a note is generated from, in seconds. */
  maxAudioSeconds: number;
}

/** The deployment's HTTP timeout settings, passed to core's clients as they are. */
export interface HttpTimeouts {
  /** Per-attempt timeout of reads and creates, and the base of a chat's timeout. */
  timeoutMs: number | undefined;
  /** Extra chat time per token of `max_tokens`. */
  chatTimeoutPerTokenMs: number | undefined;
  /** Send a chat again after a timeout (it may be billed twice). */
  retryOnTimeout: boolean;
}

/**
 * Bindings or secrets are missing or invalid. The message names every offending binding and what is
 * wrong with it, never a value. It is for the operator's logs: callers get a generic 500.
 */
export class BindingsError extends Error {
  readonly issues: BindingIssue[];

  constructor(issues: BindingIssue[]) {
    super(
      `Invalid Worker configuration: ${issues.map((i) => `${i.binding}: ${i.message}`).join("; ")}. ` +
        "Set vars in wrangler.jsonc, secrets with `wrangler secret put <NAME>` (or .dev.vars locally).",
    );
    this.name = "BindingsError";
    this.issues = issues;
  }
}

/**
 * Validates the Worker's bindings once and returns the typed configuration.
 * @throws {BindingsError} naming every missing or invalid binding (never its value).
 */
export function parseAppConfig(env: Record<string, unknown>): AppConfig {
  const parsed = bindingsSchema.safeParse(env);
  const issues: BindingIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ binding: String(i.path[0] ?? "(env)"), message: i.message }));
  let soap: SoapConfig | undefined;
  const rawSoap = parsed.success ? parsed.data.SOAP_CONFIG : typeof env["SOAP_CONFIG"] === "string" ? env["SOAP_CONFIG"] : "{}";
  try {
    soap = parseVisitConfig(JSON.parse(rawSoap));
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const i of error.issues) issues.push({ binding: "SOAP_CONFIG", message: `${i.path || "(root)"}: ${i.message}` });
    } else {
      issues.push({ binding: "SOAP_CONFIG", message: "is not valid JSON" });
    }
  }
  if (parsed.success) issues.push(...deploymentIssues(parsed.data, soap));
  if (!parsed.success || soap === undefined || issues.length > 0) throw new BindingsError(issues);
  const b = parsed.data;
  return {
    db: b.DB,
    noteJobs: b.NOTE_JOBS,
    ipRateLimiter: b.IP_RATE_LIMITER,
    assemblyaiApiKey: b.ASSEMBLYAI_API_KEY,
    webhookSecret: b.WEBHOOK_SECRET,
    webhookSecretPrevious: b.WEBHOOK_SECRET_PREVIOUS,
    retentionHours: b.RETENTION_HOURS,
    publicBaseUrl: b.PUBLIC_BASE_URL,
    reviewLinkSecret: b.REVIEW_LINK_SECRET,
    soap,
    rateLimitPerMinute: b.RATE_LIMIT_PER_MINUTE,
    limits: {
      createsPerMinute: b.TENANT_CREATES_PER_MINUTE,
      createsPerDay: b.TENANT_CREATES_PER_DAY,
      maxInFlight: b.TENANT_MAX_IN_FLIGHT,
      maxAudioSeconds: b.MAX_AUDIO_MINUTES * 60,
    },
    enforceRedaction: b.ENFORCE_REDACTION === "true",
    development: b.DEVELOPMENT_MODE === "true",
    assemblyaiBaseUrl: b.ASSEMBLYAI_BASE_URL,
    gatewayBaseUrl: b.ASSEMBLYAI_GATEWAY_URL,
    http: {
      timeoutMs: b.HTTP_TIMEOUT_SECONDS === undefined ? undefined : Math.round(b.HTTP_TIMEOUT_SECONDS * 1000),
      chatTimeoutPerTokenMs: b.CHAT_TIMEOUT_PER_TOKEN_MS,
      retryOnTimeout: b.RETRY_CHAT_ON_TIMEOUT === "true",
    },
  };
}
