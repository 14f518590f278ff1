import { parseVisitConfig } from "@org/soap-core/visit";
import { ConfigError, type SoapConfig } from "@org/soap-prompts";
import { z } from "zod";
import type { NoteJobMessage } from "../jobs/note-job-message.js";

/** The validated configuration of one deployment, built from its bindings by {@link parseAppConfig}. */
export interface AppConfig {
  db: D1Database;
  noteJobs: Queue<NoteJobMessage>;
  assemblyaiApiKey: string;
  webhookSecret: string;
  /** Without a trailing slash. */
  publicBaseUrl: string;
  soap: SoapConfig;
  rateLimitPerMinute: number;
  assemblyaiBaseUrl: string | undefined;
  gatewayBaseUrl: string | undefined;
  /** Core's HTTP timeouts (undefined: core's defaults). */
  http: HttpTimeouts;
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
 * wrong with it, never a value.
 */
export class BindingsError extends Error {
  readonly issues: { binding: string; message: string }[];

  constructor(issues: { binding: string; message: string }[]) {
    super(
      `Invalid Worker configuration: ${issues.map((i) => `${i.binding}: ${i.message}`).join("; ")}. ` +
        "Set vars in wrangler.jsonc, secrets with `wrangler secret put <NAME>` (or .dev.vars locally).",
    );
    this.name = "BindingsError";
    this.issues = issues;
  }
}

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
  .transform((v) => v.replace(/\/+$/, ""));

const bindingsSchema = z.object({
  DB: z.custom<D1Database>((v) => typeof (v as D1Database | undefined)?.prepare === "function", "D1 binding missing"),
  NOTE_JOBS: z.custom<Queue<NoteJobMessage>>(
    (v) => typeof (v as Queue | undefined)?.send === "function",
    "queue producer binding missing",
  ),
  ASSEMBLYAI_API_KEY: z.string("secret missing").min(1, "secret missing"),
  WEBHOOK_SECRET: z.string("secret missing").min(16, "must be at least 16 characters"),
  PUBLIC_BASE_URL: httpUrl,
  SOAP_CONFIG: z.string().default("{}"),
  RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().max(100_000).default(120)),
  ASSEMBLYAI_BASE_URL: z.preprocess(emptyToUndefined, httpUrl.optional()),
  ASSEMBLYAI_GATEWAY_URL: z.preprocess(emptyToUndefined, httpUrl.optional()),
  HTTP_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number("must be a number of seconds").positive("must be positive").max(900, "must be at most 900 (a queue consumer's wall time is 15 minutes)").optional()),
  CHAT_TIMEOUT_PER_TOKEN_MS: z.preprocess(emptyToUndefined, z.coerce.number("must be a number of milliseconds").min(0, "must not be negative").max(1000, "must be at most 1000").optional()),
  RETRY_CHAT_ON_TIMEOUT: z.preprocess(emptyToUndefined, z.enum(["true", "false"], 'must be "true" or "false"').default("false")),
});

/**
 * Validates the Worker's bindings once and returns the typed configuration.
 * @throws {BindingsError} naming every missing or invalid binding (never its value).
 */
export function parseAppConfig(env: Record<string, unknown>): AppConfig {
  const parsed = bindingsSchema.safeParse(env);
  const issues: { binding: string; message: string }[] = parsed.success
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
  if (!parsed.success || soap === undefined || issues.length > 0) throw new BindingsError(issues);
  const b = parsed.data;
  return {
    db: b.DB,
    noteJobs: b.NOTE_JOBS,
    assemblyaiApiKey: b.ASSEMBLYAI_API_KEY,
    webhookSecret: b.WEBHOOK_SECRET,
    publicBaseUrl: b.PUBLIC_BASE_URL,
    soap,
    rateLimitPerMinute: b.RATE_LIMIT_PER_MINUTE,
    assemblyaiBaseUrl: b.ASSEMBLYAI_BASE_URL,
    gatewayBaseUrl: b.ASSEMBLYAI_GATEWAY_URL,
    http: {
      timeoutMs: b.HTTP_TIMEOUT_SECONDS === undefined ? undefined : Math.round(b.HTTP_TIMEOUT_SECONDS * 1000),
      chatTimeoutPerTokenMs: b.CHAT_TIMEOUT_PER_TOKEN_MS,
      retryOnTimeout: b.RETRY_CHAT_ON_TIMEOUT === "true",
    },
  };
}
