import type { VisitPlan } from "@org/soap-core/visit";
import { ENV, type Settings } from "../config/settings.js";

/** Core's plan of a visit with snake_case keys, as `--dry-run --json` prints it. */
export interface PlanJson {
  template: { ref: string; hash: string };
  experiment: string | null;
  variant: string | null;
  model: string;
  /** `POST /v2/transcript` parameters, as they would be sent (AssemblyAI's own names). */
  transcription: Record<string, unknown>;
  transcript_mode: VisitPlan["transcriptMode"];
  identify_roles: boolean;
  environment: VisitPlan["environment"];
  /** What happens to a text dialogue: `scrub`, `refuse` or `send_as_is`. */
  text_redaction: Record<string, unknown> | null;
}

/** A plan as JSON with one key casing (snake_case, as the notes and AssemblyAI's API). */
export function planJson(plan: VisitPlan): PlanJson {
  return {
    template: { ref: plan.template.ref, hash: plan.template.hash },
    experiment: plan.experiment ?? null,
    variant: plan.variant ?? null,
    model: plan.model,
    transcription: { ...plan.transcription },
    transcript_mode: plan.transcriptMode,
    identify_roles: plan.identifyRoles,
    environment: plan.environment,
    text_redaction: plan.textRedaction === undefined ? null : { ...plan.textRedaction },
  };
}

/** Where the clients would point, and whether the key is there (never the key itself). */
export interface TargetJson {
  kind: "embedded_sandbox" | "served_sandbox" | "assemblyai";
  region: "us" | "eu";
  base_url: string | null;
  gateway_url: string | null;
  api_key: "set" | "not set";
}

/** The target of a run under these settings. */
export function targetJson(settings: Settings, env: Record<string, string | undefined>): TargetJson {
  return {
    kind: settings.sandbox ? "embedded_sandbox" : settings.servedSandbox ? "served_sandbox" : "assemblyai",
    region: settings.region,
    base_url: settings.baseUrl ?? null,
    gateway_url: settings.gatewayUrl ?? null,
    api_key: (env[ENV.apiKey] ?? "").trim() === "" ? "not set" : "set",
  };
}

/** One line saying where a run would go. */
export function describeTarget(t: TargetJson): string {
  if (t.kind === "embedded_sandbox") return `the local in-process sandbox (ASSEMBLYAI_API_KEY ${t.api_key}; nothing leaves this machine)`;
  const where = t.base_url === null ? `AssemblyAI (${t.region})` : `${t.base_url} (gateway ${t.gateway_url ?? `AssemblyAI's, ${t.region}`})`;
  return `${where}${t.kind === "served_sandbox" ? ", a served soap-notes sandbox" : ""}; ASSEMBLYAI_API_KEY ${t.api_key}`;
}

function redactionLine(t: Record<string, unknown>): string {
  if (t["redact_pii"] !== true) return "off (--no-redact): audio is transcribed unredacted";
  const policies = Array.isArray(t["redact_pii_policies"]) ? (t["redact_pii_policies"] as unknown[]) : [];
  return `${policies.length} PII policies (${policies.slice(0, 4).join(", ")}${policies.length > 4 ? ", …" : ""}), substitution ${String(t["redact_pii_sub"] ?? "hash")}`;
}

function textLine(p: PlanJson): string {
  const t = p.text_redaction;
  if (t === null) return "-";
  if (t["action"] === "send_as_is") return "sent as it is (redaction off)";
  if (t["action"] === "refuse") return "refused (add --deidentified or --no-redact)";
  return `scrubbed locally, then sent${t["statement"] === "deidentified" ? " (stated de-identified)" : ""}`;
}

/** The plan as `[name, value]` rows for a terminal (see {@link alignRows}). */
export function planRows(p: PlanJson): [string, string][] {
  const params = Object.entries(p.transcription)
    .filter(([k]) => !k.startsWith("redact_pii"))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(" ");
  const rows: [string, string][] = [
    ["template", `${p.template.ref} ${p.template.hash}${p.experiment === null ? "" : ` (experiment ${p.experiment}, variant ${p.variant ?? "?"})`}`],
    ["model", p.model],
    ["transcription", params === "" ? "-" : params],
    ["redaction", redactionLine(p.transcription)],
    ["text dialogues", textLine(p)],
    ["transcript mode", p.transcript_mode === "auto" ? "auto (inline when the transcript has utterances)" : p.transcript_mode],
    ["speaker roles", p.identify_roles ? "asked with POST /v1/understanding" : "from the note request"],
    ["environment", p.environment === "sandbox" ? "sandbox (notes are marked as sandbox output)" : "assemblyai"],
  ];
  return rows;
}

/** `name  value` rows with the names padded to one width. */
export function alignRows(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
}
