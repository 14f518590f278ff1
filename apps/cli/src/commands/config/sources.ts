import type { VisitPlan } from "@org/soap-core/visit";
import { ENV, type RawFlags, type Settings } from "../../config/settings.js";
import { HEARTBEAT_ENV, heartbeatMs } from "../../terminal/heartbeat.js";

/** Where a setting's value came from, in the order they win. */
export type SourceKind = "flag" | "env" | "file" | "default" | "derived";

/** One effective setting: its value (never a key) and where it came from. */
export interface EffectiveSetting {
  name: string;
  value: string | number | boolean | null | readonly string[];
  source: SourceKind;
  /** The flag, variable, config field or rule, e.g. `--model`, `SOAP_NOTES_MODEL`, `transcription.domain`. */
  from: string;
}

/** What {@link effectiveSettings} reads: the resolved settings, and what they were resolved from. */
export interface SettingsInputs {
  settings: Settings;
  flags: RawFlags;
  env: Record<string, string | undefined>;
  /** The config file as read (before validation), when there is one. */
  configRaw: unknown;
  /** Core's plan of a visit under these settings (redaction, transcription parameters). */
  plan: VisitPlan;
  /** Colour and redraw on stderr, as a batch would decide them. */
  stderr: { color: boolean; redraw: boolean };
}

const present = (v: string | undefined): boolean => v !== undefined && v.trim() !== "";

function fileField(raw: unknown, path: string): boolean {
  let at: unknown = raw;
  for (const key of path.split(".")) {
    if (typeof at !== "object" || at === null || !(key in at)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return at !== undefined;
}

/**
 * The source of one setting by the CLI's precedence (flags > environment > config file > defaults),
 * the same order `resolveSettings` applies; the value itself always comes from the resolved settings.
 */
function sourceOf(i: SettingsInputs, o: { flag?: [string, unknown]; env?: string; file?: string | string[]; otherwise?: [SourceKind, string] }): Pick<EffectiveSetting, "source" | "from"> {
  if (o.flag !== undefined && o.flag[1] !== undefined) return { source: "flag", from: o.flag[0] };
  if (o.env !== undefined && present(i.env[o.env])) return { source: "env", from: o.env };
  const field = (Array.isArray(o.file) ? o.file : o.file === undefined ? [] : [o.file]).find((path) => fileField(i.configRaw, path));
  if (field !== undefined) return { source: "file", from: field };
  const [source, from] = o.otherwise ?? ["default", "built-in"];
  return { source, from };
}

function redactionValue(plan: VisitPlan): string {
  const t = plan.transcription;
  if (t.redact_pii !== true) return "off";
  return `${(t.redact_pii_policies ?? []).length} policies, substitution ${t.redact_pii_sub ?? "hash"}`;
}

/**
 * Every setting a `note` or `batch` run would use here, with its value and where it came from.
 * The API key is shown as `set` / `not set`, never its value.
 */
export function effectiveSettings(i: SettingsInputs): EffectiveSetting[] {
  const { settings: s, flags: f, env, plan } = i;
  const t = plan.transcription;
  const row = (name: string, value: EffectiveSetting["value"], src: Pick<EffectiveSetting, "source" | "from">): EffectiveSetting => ({ name, value, ...src });
  const target = s.sandbox ? "embedded sandbox" : s.servedSandbox ? "served sandbox" : "AssemblyAI";
  const targetSource: Pick<EffectiveSetting, "source" | "from"> = s.sandboxReason === "flag"
    ? { source: "flag", from: "--sandbox" }
    : s.sandboxReason === "no_key"
      ? { source: "derived", from: `${ENV.apiKey} is not set` }
      : s.servedSandbox
        ? { source: "derived", from: "both URLs answer as a soap-notes sandbox" }
        : { source: "derived", from: `${ENV.apiKey} is set` };
  return [
    row("config_file", s.configPath ?? null, sourceOf(i, { flag: ["--config", f.config], env: ENV.config, otherwise: ["default", s.configPath === undefined ? "no ./soap.config.json" : "./soap.config.json"] })),
    // Only ever read from the environment: never a flag, never the config file, never printed.
    row("api_key", present(env[ENV.apiKey]) ? "set" : "not set", { source: "env", from: ENV.apiKey }),
    row("target", target, targetSource),
    row("region", s.region, sourceOf(i, { flag: ["--region", f.region], env: ENV.region, file: "region" })),
    row("base_url", s.baseUrl ?? null, s.baseUrl === undefined ? { source: "default", from: `AssemblyAI's ${s.region} host` } : sourceOf(i, { flag: ["--base-url", f.baseUrl], env: ENV.baseUrl })),
    row("gateway_url", s.gatewayUrl ?? null, s.gatewayUrl === undefined ? { source: "default", from: `AssemblyAI's ${s.region} gateway` } : sourceOf(i, { flag: ["--gateway-url", f.gatewayUrl], env: ENV.gatewayUrl })),
    row("environment", plan.environment, { source: "derived", from: "target" }),
    row("template", s.template, sourceOf(i, { flag: ["--template", f.template], env: ENV.template, file: "template" })),
    row("experiments", s.templateExplicit ? "overridden by the template" : s.config.experiments.length, sourceOf(i, { file: "experiments", otherwise: ["default", "none"] })),
    row("model", s.model, sourceOf(i, { flag: ["--model", f.model], env: ENV.model, file: "model" })),
    row("redaction", redactionValue(plan), sourceOf(i, { flag: ["--redact / --no-redact / --redact-sub", f.redact ?? f.redactSub], env: ENV.redact, file: ["transcription.redact_pii", "transcription.redact_pii_policies", "transcription.redact_pii_sub"], otherwise: ["default", "HIPAA Safe Harbor preset (medical)"] })),
    row("deidentified", s.overrides.deidentified === true, sourceOf(i, { flag: ["--deidentified", f.deidentified], env: ENV.deidentified })),
    row("text_dialogues", plan.textRedaction?.action ?? "scrub", { source: "derived", from: "redaction, environment and deidentified" }),
    row("speakers_expected", t.speakers_expected ?? null, sourceOf(i, { flag: ["--speakers-expected", f.speakersExpected] })),
    row("keyterms", t.keyterms_prompt ?? null, sourceOf(i, { flag: ["--keyterms", f.keyterms], file: "transcription.keyterms_prompt" })),
    row("domain", t.domain ?? null, sourceOf(i, { flag: ["--medical", f.medical], file: "transcription.domain" })),
    row("transcript_mode", plan.transcriptMode, sourceOf(i, { flag: ["--transcript-mode", f.transcriptMode], otherwise: ["default", "core's choice"] })),
    row("identify_roles", plan.identifyRoles, sourceOf(i, { flag: ["--identify-roles", f.identifyRoles] })),
    row("concurrency", s.concurrency, sourceOf(i, { flag: ["--concurrency", f.concurrency], env: ENV.concurrency })),
    row("timeout_seconds", s.timeoutMs === undefined ? 60 : s.timeoutMs / 1000, sourceOf(i, { flag: ["--timeout", f.timeout], env: ENV.timeout })),
    row("upload_idle_timeout_seconds", s.uploadIdleTimeoutMs === undefined ? 60 : s.uploadIdleTimeoutMs / 1000, sourceOf(i, { flag: ["--upload-idle-timeout", f.uploadIdleTimeout], env: ENV.uploadIdleTimeout })),
    row("chat_timeout_per_token_ms", s.chatTimeoutPerTokenMs ?? 50, sourceOf(i, { flag: ["--chat-timeout-per-token", f.chatTimeoutPerToken], env: ENV.chatTimeoutPerToken })),
    row("retry_on_timeout", s.retryOnTimeout, sourceOf(i, { flag: ["--retry-on-timeout", f.retryOnTimeout], env: ENV.retryOnTimeout })),
    row("heartbeat_seconds", heartbeatMs(env) / 1000, sourceOf(i, { env: HEARTBEAT_ENV })),
    row("color", i.stderr.color, colorSource(env, i.stderr.color)),
    row("live_progress", i.stderr.redraw, env["TERM"] === "dumb" ? { source: "env", from: "TERM=dumb" } : { source: "derived", from: i.stderr.redraw ? "stderr is a terminal" : "stderr is not a terminal: plain lines and a heartbeat" }),
    row("debug", env["SOAP_NOTES_DEBUG"] === "1", sourceOf(i, { env: "SOAP_NOTES_DEBUG" })),
  ];
}

function colorSource(env: Record<string, string | undefined>, on: boolean): Pick<EffectiveSetting, "source" | "from"> {
  if (env["FORCE_COLOR"] !== undefined) return { source: "env", from: `FORCE_COLOR=${env["FORCE_COLOR"]}` };
  if (present(env["NO_COLOR"])) return { source: "env", from: "NO_COLOR" };
  if (env["TERM"] === "dumb") return { source: "env", from: "TERM=dumb" };
  return { source: "derived", from: on ? "stderr is a colour terminal" : "stderr is not a colour terminal" };
}
