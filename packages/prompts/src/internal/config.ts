import * as z from "zod/mini";
import { deepFreeze } from "./deep-freeze.js";
import { ConfigError, type ConfigIssue } from "./errors.js";
import { formatPath, toIssues } from "./issue-path.js";
import { SAFE_HARBOR_POLICIES } from "./redaction-preset.js";
import { safeParse } from "./zod-parse.js";
import { getTemplate } from "./registry.js";

/** Which id an experiment assigns by. The caller passes that id as the selection key. */
export const ASSIGN_BY = ["visit_id", "transcript_id", "patient_id"] as const;

// The literal defaults; DEFAULT_SOAP_CONFIG (below) is the validated, frozen config they produce.
const DEFAULTS = {
  model: "claude-sonnet-4-5-20250929",
  region: "us",
  template: "soap-structured@^3",
  speechModels: ["universal-3-pro"],
} as const;

function templateSpec() {
  return z.string().check(z.minLength(1, "template spec must not be empty"));
}

const variantSchema = z.strictObject({
  /** Defaults to the template spec. */
  name: z.optional(z.string().check(z.minLength(1))),
  template: templateSpec(),
  weight: z.number().check(z.nonnegative()),
});

const experimentSchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  salt: z.string().check(z.minLength(1)),
  assignBy: z.enum(ASSIGN_BY),
  enabled: z._default(z.boolean(), true),
  variants: z.array(variantSchema).check(z.minLength(1, "an experiment needs at least one variant")),
});

/** The `transcription` block of a validated config: every default applied. */
export interface TranscriptionConfig {
  speech_models: string[];
  speaker_labels: boolean;
  /** `false` only when the config said so; then no policies and no substitution. */
  redact_pii: boolean;
  redact_pii_policies?: string[];
  redact_pii_sub?: "hash" | "entity_name";
  language_code?: string;
  keyterms_prompt?: string[];
  domain?: string;
}

// Each field defaults on its own: a config that sets only `keyterms_prompt` still redacts. Redaction is
// on (HIPAA Safe Harbor, hash substitution) unless the config says `redact_pii: false` in so many words.
const transcriptionSchema = z.pipe(z.strictObject({
    speech_models: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
    speaker_labels: z.optional(z.boolean()),
    redact_pii: z.optional(z.boolean()),
    redact_pii_policies: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1, "list at least one policy, or set redact_pii: false"))),
    redact_pii_sub: z.optional(z.enum(["hash", "entity_name"])),
    language_code: z.optional(z.string().check(z.minLength(1))),
    keyterms_prompt: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(1000))),
    domain: z.optional(z.string().check(z.minLength(1))),
  }).check(z.superRefine((t, ctx) => {
    if (t.redact_pii !== false) return;
    for (const key of ["redact_pii_policies", "redact_pii_sub"] as const) {
      if (t[key] !== undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: `redact_pii is false, so ${key} has no effect; remove it (or set redact_pii: true)` });
      }
    }
  })), z.transform((t): TranscriptionConfig => {
    const { speech_models, speaker_labels, redact_pii, redact_pii_policies, redact_pii_sub, ...rest } = t;
    const common = { ...rest, speech_models: speech_models ?? [...DEFAULTS.speechModels], speaker_labels: speaker_labels ?? true };
    if (redact_pii === false) return { ...common, redact_pii: false };
    return { ...common, redact_pii: true, redact_pii_policies: redact_pii_policies ?? [...SAFE_HARBOR_POLICIES], redact_pii_sub: redact_pii_sub ?? "hash" };
  }));

/** The name a variant is reported under: its `name`, or its template spec. */
export function variantName(v: { name?: string | undefined; template: string }): string {
  return v.name ?? v.template;
}

function checkTemplate(spec: string, path: PropertyKey[], ctx: z.core.$RefinementCtx): void {
  try {
    getTemplate(spec);
  } catch (error) {
    ctx.addIssue({ code: "custom", path, message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Zod schema of `soap.config.json` (strict: unknown keys are errors). Every field has a default
 * (see {@link DEFAULT_SOAP_CONFIG}); templates must resolve in the registry; an experiment's weights must
 * sum to a positive number; experiment names and, within one experiment, variant names are unique.
 */
export const soapConfigSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    model: z._default(z.string().check(z.minLength(1)), DEFAULTS.model),
    region: z._default(z.enum(["us", "eu"]), DEFAULTS.region),
    template: z._default(templateSpec(), DEFAULTS.template),
    experiments: z._default(z.array(experimentSchema), () => []),
    // Every field defaults on its own; redaction is off only with an explicit `redact_pii: false`.
    transcription: z.prefault(transcriptionSchema, () => ({})),
  }).check(z.superRefine((config, ctx) => {
    checkTemplate(config.template, ["template"], ctx);
    const experimentNames = new Map<string, number>();
    config.experiments.forEach((exp, e) => {
      const first = experimentNames.get(exp.name);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["experiments", e, "name"], message: `duplicate experiment name "${exp.name}" (also experiments[${first}])` });
      } else experimentNames.set(exp.name, e);
      const total = exp.variants.reduce((sum, v) => sum + v.weight, 0);
      if (!(total > 0) || !Number.isFinite(total)) {
        ctx.addIssue({ code: "custom", path: ["experiments", e, "variants"], message: "variant weights must sum to a positive finite number" });
      }
      const variantNames = new Map<string, number>();
      exp.variants.forEach((v, i) => {
        checkTemplate(v.template, ["experiments", e, "variants", i, "template"], ctx);
        const name = variantName(v);
        const seen = variantNames.get(name);
        if (seen !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["experiments", e, "variants", i, v.name === undefined ? "template" : "name"],
            message: `duplicate variant name "${name}" (also variants[${seen}]); give variants distinct names`,
          });
        } else variantNames.set(name, i);
      });
    });
  }));

/** A validated config, defaults applied. */
export type SoapConfig = z.output<typeof soapConfigSchema>;
/** A config as written in `soap.config.json` (every field optional). */
export type SoapConfigInput = z.input<typeof soapConfigSchema>;
/** One experiment of a validated config. */
export type SoapExperiment = SoapConfig["experiments"][number];

/**
 * Validates a raw config (parsed JSON or an object) and applies defaults.
 * @throws {ConfigError} naming every offending field, e.g. `experiments[0].variants[1].weight`.
 * @example parseSoapConfig({ template: "soap-sectioned@1" }).model // "claude-sonnet-4-5-20250929"
 */
export function parseSoapConfig(raw: unknown): SoapConfig {
  const parsed = safeParse(soapConfigSchema, raw);
  if (!parsed.success) throw new ConfigError(toIssues(parsed.error), { cause: parsed.error });
  return parsed.data;
}

/**
 * The config every field defaults to, frozen: the seed tutorial's model
 * (`claude-sonnet-4-5-20250929`), `universal-3-pro` with speaker labels, PII redaction of the HIPAA
 * Safe Harbor identifiers ({@link SAFE_HARBOR_POLICIES}) with hash substitution, region `us`,
 * template `soap-structured@^3` (names speaker roles in the generation request), no experiments. Equal to `parseSoapConfig({})`.
 */
export const DEFAULT_SOAP_CONFIG: Readonly<SoapConfig> = deepFreeze(parseSoapConfig({}));

/** Builds a {@link ConfigError} for one field. */
export function configError(path: PropertyKey[], message: string): ConfigError {
  const issue: ConfigIssue = { path: formatPath(path), message };
  return new ConfigError([issue]);
}
