import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { RequestValidationError } from "@org/soap-core";
import { OUTPUT_FORMATS, type OutputFormat } from "../io/render-output.js";
import { expandPolicies, parseVisitConfig, type RedactionOverride, type VisitOverrides } from "@org/soap-core/visit";
import type { SoapConfig } from "@org/soap-prompts";
import { z } from "zod";
import { UsageError } from "../errors/cli-errors.js";

/** An output format of the CLI: md, json, fhir, or html (the review page). */
export type NoteFormat = OutputFormat;

/** Default `--concurrency`: AssemblyAI queues jobs over the account limit as throttled, so 8 is safe. */
export const DEFAULT_CONCURRENCY = 8;

/** Environment variables the CLI reads (documented in the README). */
export const ENV = {
  apiKey: "ASSEMBLYAI_API_KEY",
  baseUrl: "ASSEMBLYAI_BASE_URL",
  gatewayUrl: "ASSEMBLYAI_GATEWAY_URL",
  region: "ASSEMBLYAI_REGION",
  model: "SOAP_NOTES_MODEL",
  template: "SOAP_NOTES_TEMPLATE",
  config: "SOAP_NOTES_CONFIG",
  concurrency: "SOAP_NOTES_CONCURRENCY",
  redact: "SOAP_NOTES_REDACT",
  timeout: "SOAP_NOTES_TIMEOUT",
  uploadIdleTimeout: "SOAP_NOTES_UPLOAD_IDLE_TIMEOUT",
  retryOnTimeout: "SOAP_NOTES_RETRY_ON_TIMEOUT",
  chatTimeoutPerToken: "SOAP_NOTES_CHAT_TIMEOUT_PER_TOKEN_MS",
  deidentified: "SOAP_NOTES_DEIDENTIFIED",
  maxRequestsPer5Min: "SOAP_NOTES_MAX_REQUESTS_PER_5MIN",
} as const;

/** Bounds of `--max-requests-per-5min`: AssemblyAI's account limit is 20,000 requests per 5 minutes. */
export const MAX_REQUESTS_PER_5MIN_RANGE = { min: 100, max: 20_000 } as const;

/** Largest `--timeout`: an hour per request is already far past any sane answer time. */
export const MAX_TIMEOUT_SECONDS = 3600;

/** Raw commander options shared by the commands (every field optional; strings as typed). */
export interface RawFlags {
  config?: string;
  template?: string;
  model?: string;
  region?: string;
  baseUrl?: string;
  gatewayUrl?: string;
  /** `--redact <spec>` gives a string, `--no-redact` gives `false`. */
  redact?: string | boolean;
  /** `--deidentified`: the user states that text dialogues are already de-identified. */
  deidentified?: boolean;
  redactSub?: string;
  speakersExpected?: string;
  keyterms?: string;
  medical?: boolean;
  identifyRoles?: boolean;
  transcriptMode?: string;
  deleteAfter?: boolean;
  sandbox?: boolean;
  json?: boolean;
  format?: string;
  out?: string;
  concurrency?: string;
  /** `--max-requests-per-5min <n>`: the batch's request budget (core's PollBudget). */
  maxRequestsPer5min?: string;
  /** `--timeout <seconds>`: per-request timeout. */
  timeout?: string;
  /** `--upload-idle-timeout <seconds>`: an upload's inactivity timeout. */
  uploadIdleTimeout?: string;
  /** `--retry-on-timeout`: resend a chat after a timeout. */
  retryOnTimeout?: boolean;
  /** `--chat-timeout-per-token <ms>`: extra chat time per token of `max_tokens`. */
  chatTimeoutPerToken?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** A config file as read from disk: where it was and what it held. */
export interface LoadedConfigFile {
  path: string;
  raw: unknown;
}

/** Everything a command needs, resolved with flags > environment > config file > defaults. */
export interface Settings {
  config: SoapConfig;
  configPath?: string;
  template: string;
  /** The template came from a flag or the environment: it beats the config's experiments. */
  templateExplicit: boolean;
  model: string;
  region: "us" | "eu";
  apiKey?: string;
  baseUrl?: string;
  gatewayUrl?: string;
  /** Run on the in-process sandbox (asked for, or no API key). */
  sandbox: boolean;
  /** Why the sandbox is used, for the notice line. */
  sandboxReason?: "flag" | "no_key";
  /** The base and gateway URLs answered as a served soap-notes sandbox (`detectServedSandbox`): environment `sandbox`. */
  servedSandbox?: boolean;
  /**
   * What flags and environment change in core's plan of every visit (template, model, redaction,
   * speakers, keyterms, domain, transcript mode, roles, environment, the `--deidentified` statement).
   * Core's `planVisit` decides the rest, including what happens to a text dialogue.
   */
  overrides: VisitOverrides;
  deleteAfter: boolean;
  /** Per-attempt HTTP timeout in ms (core's `timeoutMs`); core's default when unset. */
  timeoutMs?: number;
  /** An upload's inactivity timeout in ms (core's `uploadIdleTimeoutMs`); core's default when unset. */
  uploadIdleTimeoutMs?: number;
  /** Resend a chat after a timeout (core's `retryOnTimeout`). */
  retryOnTimeout: boolean;
  /** Extra chat time per token of `max_tokens` in ms (core's `chatTimeoutPerTokenMs`); core's default (50) when unset. */
  chatTimeoutPerTokenMs?: number;
  concurrency: number;
  /** Most requests a batch sends to AssemblyAI in any 5 minutes; core's default (18,000) when unset. */
  maxRequestsPer5Min?: number;
  formats: NoteFormat[];
  json: boolean;
  verbosity: "quiet" | "normal" | "verbose";
  /** The config file's `prices` section as written (the CLI's own; validated by the commands that price notes). */
  configPrices?: unknown;
}

/** Splits the CLI's own `prices` section off the config file, which core's strict config schema does not know. */
function splitPrices(raw: unknown): { visitConfig: unknown; prices: unknown } {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || !("prices" in raw)) return { visitConfig: raw, prices: undefined };
  const { prices, ...visitConfig } = raw as Record<string, unknown>;
  return { visitConfig, prices };
}

const httpUrl = (what: string) =>
  z.url({ protocol: /^https?$/, error: `${what} must be an http(s) URL such as http://127.0.0.1:8080` }).transform((u) => u.replace(/\/+$/, ""));

const intIn = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${what} must be a whole number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

// Seconds, fractions allowed (0.5): a stalled connection is given up after this, then retried.
const seconds = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number of seconds` })
    .refine((n) => Number.isFinite(n) && n > 0, `${what} must be a positive number of seconds`)
    .refine((n) => n <= MAX_TIMEOUT_SECONDS, `${what} must be at most ${MAX_TIMEOUT_SECONDS} seconds`);

// Milliseconds per token of max_tokens added to a chat's timeout: 0 (none) to 1000.
const perTokenMs = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number of milliseconds` })
    .refine((n) => Number.isFinite(n) && n >= 0 && n <= 1000, `${what} must be between 0 and 1000 milliseconds`);

const flagsSchema = z.object({
  template: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  region: z.enum(["us", "eu"], { error: "--region must be us or eu" }).optional(),
  baseUrl: httpUrl("--base-url").optional(),
  gatewayUrl: httpUrl("--gateway-url").optional(),
  redactSub: z.enum(["hash", "entity_name"], { error: "--redact-sub must be hash or entity_name" }).optional(),
  speakersExpected: intIn("--speakers-expected", 1, 10).optional(),
  keyterms: z
    .string()
    .transform((s) => s.split(",").map((t) => t.trim()).filter(Boolean))
    .pipe(
      z
        .array(
          z
            .string()
            .max(50, "each --keyterms term must be at most 50 characters")
            // AssemblyAI's keyterms_prompt: "maximum 6 words per phrase" (openapi.yml).
            .refine((t) => t.split(/\s+/).length <= 6, "each --keyterms term must be at most 6 words"),
        )
        .max(1000, "--keyterms takes at most 1000 terms"),
    )
    .optional(),
  concurrency: intIn("--concurrency", 1, 64).optional(),
  maxRequestsPer5min: intIn("--max-requests-per-5min", MAX_REQUESTS_PER_5MIN_RANGE.min, MAX_REQUESTS_PER_5MIN_RANGE.max).optional(),
  timeout: seconds("--timeout").optional(),
  uploadIdleTimeout: seconds("--upload-idle-timeout").optional(),
  chatTimeoutPerToken: perTokenMs("--chat-timeout-per-token").optional(),
  transcriptMode: z.enum(["inline", "transcript_id"], { error: "--transcript-mode must be inline or transcript_id" }).optional(),
  format: z
    .string()
    .transform((s) => s.split(",").map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(z.enum(OUTPUT_FORMATS, { error: "--format takes md, json, fhir or html (comma-separated for several)" })).min(1))
    .optional(),
});

function firstIssue(err: z.ZodError): string {
  const issue = err.issues[0];
  return issue?.message ?? "invalid option";
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

/**
 * The redaction override of `--redact` / `--no-redact` / `$SOAP_NOTES_REDACT` / `--redact-sub`, checked
 * now (exit 2 before anything is sent); `undefined` leaves the config's redaction (default: Safe Harbor).
 */
function redactionOverride(flag: string | boolean | undefined, env: string | undefined, sub: "hash" | "entity_name" | undefined): RedactionOverride | undefined {
  const spec = flag === false ? false : typeof flag === "string" ? flag : env;
  if (spec === false || spec === "none") return false;
  if (spec === undefined) return sub === undefined ? undefined : { substitution: sub };
  const names = spec.split(",").map((n) => n.trim()).filter((n) => n !== "");
  try {
    expandPolicies(names, "--redact");
  } catch (err) {
    if (err instanceof RequestValidationError) throw new UsageError(err.message.replace(/^Unknown/, "unknown").replace(/^No/, "no"), { cause: err });
    throw err;
  }
  return { policies: names, ...(sub !== undefined ? { substitution: sub } : {}) };
}

/**
 * Resolves the settings of one command run. Precedence per field: flags > environment > config
 * file > defaults (core's config defaults: redaction is the HIPAA Safe Harbor preset). Pure: the
 * caller reads the environment and the config file.
 * @throws {UsageError} naming the flag, variable or config field that is wrong.
 */
export function resolveSettings(input: { flags: RawFlags; env: Record<string, string | undefined>; configFile?: LoadedConfigFile }): Settings {
  const { env, configFile } = input;
  const parsedFlags = flagsSchema.safeParse(input.flags);
  if (!parsedFlags.success) throw new UsageError(firstIssue(parsedFlags.error));
  const flags = parsedFlags.data;

  let config: SoapConfig;
  const { visitConfig, prices: configPrices } = splitPrices(configFile?.raw ?? {});
  try {
    config = parseVisitConfig(visitConfig);
  } catch (err) {
    const where = configFile ? `config file ${configFile.path}` : "config";
    throw new UsageError(`${where}: ${err instanceof Error ? err.message.replace(/^Invalid soap config: /, "") : String(err)}`, { cause: err });
  }

  const envRegion = envValue(env, ENV.region);
  const region = z.enum(["us", "eu"], { error: `${ENV.region} must be us or eu` }).safeParse(flags.region ?? envRegion ?? config.region);
  if (!region.success) throw new UsageError(firstIssue(region.error));

  const envUrls = z
    .object({ baseUrl: httpUrl(ENV.baseUrl).optional(), gatewayUrl: httpUrl(ENV.gatewayUrl).optional() })
    .safeParse({ baseUrl: envValue(env, ENV.baseUrl), gatewayUrl: envValue(env, ENV.gatewayUrl) });
  if (!envUrls.success) throw new UsageError(firstIssue(envUrls.error));

  // A flag wins; else its environment variable, checked by the same rule under its own name.
  const fromEnv = <T>(flag: T | undefined, name: string, schema: z.ZodType<T>): T | undefined => {
    const raw = envValue(env, name);
    if (flag !== undefined || raw === undefined) return flag;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new UsageError(firstIssue(parsed.error));
    return parsed.data;
  };
  // A boolean flag, or its variable set to 1/true (0/false leaves it off; anything else is refused).
  const switchOn = (flag: boolean | undefined, name: string, meaning: string): boolean => {
    const raw = envValue(env, name);
    if (raw !== undefined && !["0", "1", "true", "false"].includes(raw)) throw new UsageError(`${name} must be 1 or 0 (true or false)${meaning}`);
    return flag === true || raw === "1" || raw === "true";
  };

  const concurrency = fromEnv(flags.concurrency, ENV.concurrency, intIn(ENV.concurrency, 1, 64));
  const maxRequests = fromEnv(
    flags.maxRequestsPer5min,
    ENV.maxRequestsPer5Min,
    intIn(ENV.maxRequestsPer5Min, MAX_REQUESTS_PER_5MIN_RANGE.min, MAX_REQUESTS_PER_5MIN_RANGE.max),
  );
  const timeoutSeconds = fromEnv(flags.timeout, ENV.timeout, seconds(ENV.timeout));
  const idleSeconds = fromEnv(flags.uploadIdleTimeout, ENV.uploadIdleTimeout, seconds(ENV.uploadIdleTimeout));
  const perToken = fromEnv(flags.chatTimeoutPerToken, ENV.chatTimeoutPerToken, perTokenMs(ENV.chatTimeoutPerToken));
  const retryOnTimeout = switchOn(input.flags.retryOnTimeout, ENV.retryOnTimeout, "");
  const deidentified = switchOn(input.flags.deidentified, ENV.deidentified, ": 1 states that text dialogues are already de-identified");

  const template = flags.template ?? envValue(env, ENV.template) ?? config.template;
  const templateExplicit = flags.template !== undefined || envValue(env, ENV.template) !== undefined;
  const model = flags.model ?? envValue(env, ENV.model) ?? config.model;

  const redaction = redactionOverride(input.flags.redact, envValue(env, ENV.redact), flags.redactSub);
  const apiKey = envValue(env, ENV.apiKey);
  const baseUrl = flags.baseUrl ?? envUrls.data.baseUrl;
  const gatewayUrl = flags.gatewayUrl ?? envUrls.data.gatewayUrl;
  const sandboxFlag = input.flags.sandbox === true;
  if (!sandboxFlag && apiKey === undefined && (baseUrl !== undefined || gatewayUrl !== undefined)) {
    throw new UsageError(`a base URL override was given but ${ENV.apiKey} is not set; export the key (never pass it as a flag), or drop the override to use the local sandbox`);
  }
  const sandbox = sandboxFlag || apiKey === undefined;

  const settings: Settings = {
    config: { ...config, template, model, region: region.data },
    template,
    templateExplicit,
    model,
    region: region.data,
    sandbox,
    overrides: {
      ...(templateExplicit ? { template } : {}),
      model,
      ...(redaction !== undefined ? { redaction } : {}),
      ...(flags.speakersExpected !== undefined ? { speakersExpected: flags.speakersExpected } : {}),
      ...(flags.keyterms !== undefined ? { keyterms: flags.keyterms } : {}),
      ...(input.flags.medical === true ? { medical: true } : {}),
      ...(flags.transcriptMode !== undefined ? { transcriptMode: flags.transcriptMode } : {}),
      identifyRoles: input.flags.identifyRoles === true,
      environment: sandbox ? "sandbox" : "assemblyai",
      ...(deidentified ? { deidentified: true } : {}),
    },
    deleteAfter: input.flags.deleteAfter === true,
    retryOnTimeout,
    concurrency: concurrency ?? DEFAULT_CONCURRENCY,
    formats: flags.format ?? ["md"],
    json: input.flags.json === true,
    verbosity: input.flags.quiet ? "quiet" : input.flags.verbose ? "verbose" : "normal",
  };
  if (sandbox) settings.sandboxReason = sandboxFlag ? "flag" : "no_key";
  if (configFile) settings.configPath = configFile.path;
  if (configPrices !== undefined) settings.configPrices = configPrices;
  if (apiKey !== undefined && !sandboxFlag) settings.apiKey = apiKey;
  if (!sandbox && baseUrl !== undefined) settings.baseUrl = baseUrl;
  if (!sandbox && gatewayUrl !== undefined) settings.gatewayUrl = gatewayUrl;
  if (maxRequests !== undefined) settings.maxRequestsPer5Min = maxRequests;
  if (timeoutSeconds !== undefined) settings.timeoutMs = Math.round(timeoutSeconds * 1000);
  if (idleSeconds !== undefined) settings.uploadIdleTimeoutMs = Math.round(idleSeconds * 1000);
  if (perToken !== undefined) settings.chatTimeoutPerTokenMs = perToken;
  return settings;
}

/**
 * Finds and reads the config file: `--config`, else `$SOAP_NOTES_CONFIG`, else `soap.config.json` in
 * `cwd` if there is one. Returns `undefined` when there is none.
 * @throws {UsageError} when a named file is missing or any file is not JSON.
 */
export async function loadConfigFile(flagPath: string | undefined, env: Record<string, string | undefined>, cwd: string): Promise<LoadedConfigFile | undefined> {
  const named = flagPath ?? envValue(env, ENV.config);
  const path = resolve(cwd, named ?? "soap.config.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (named === undefined && code === "ENOENT") return undefined;
    if (code === "ENOENT") throw new UsageError(`config file not found: ${path} (check --config or ${ENV.config})`);
    throw new UsageError(`cannot read config file ${path}: ${code ?? "error"}`);
  }
  try {
    return { path, raw: JSON.parse(text) as unknown };
  } catch (err) {
    // The parser's message may quote the file; report the position only.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new UsageError(`config file ${path} is not valid JSON${at === undefined ? "" : ` (at character ${at})`}`);
  }
}
