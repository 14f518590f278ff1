import { getTemplate, selectTemplate, templateHash, templateRef, type SelectionKey, type SoapConfig } from "@org/soap-prompts";
import * as z from "zod/mini";
import type { TranscriptMode } from "../generate/note-transcript.js";
import { applyRedaction, type RedactionOverride } from "./redaction.js";
import { planTextRedaction, textRedactionPlanSchema, type TextRedactionPlan } from "./text-redaction.js";
import { transcriptionParams } from "./transcription-params.js";
import type { TranscriptionParams } from "./visit-ports.js";
import { safeParse } from "../internal/zod-parse.js";

/**
 * Every decision about one visit, made once by {@link planVisit} and then only carried out: the CLI
 * and the edge API store it (or rebuild it from the same config and key), and a note records it in
 * its provenance so a regenerated section is made the same way.
 */
export interface VisitPlan {
  /** Exact `id@version` and content hash of the template. */
  template: { ref: string; hash: string };
  /** The A/B experiment and variant that chose the template, when one did. */
  experiment?: string;
  variant?: string;
  /** LLM Gateway model. */
  model: string;
  /** `POST /v2/transcript` parameters other than `audio_url` (redaction, speakers, models, domain…). */
  transcription: TranscriptionParams;
  /**
   * How the gateway gets the transcript. `auto`: speaker-labelled lines inline when the transcript
   * has utterances (the gateway's `{{ transcript }}` inserts plain text without speakers), else by id.
   */
  transcriptMode: TranscriptMode | "auto";
  /** Ask `POST /v1/understanding` which speaker is the clinician (one extra request). */
  identifyRoles: boolean;
  /** `sandbox` when the clients talk to the local emulator: the note is marked as a demonstration. */
  environment: "assemblyai" | "sandbox";
  /** The visit's id (the key it was planned under), recorded in its note's provenance as `visit_id`. */
  visitId?: string;
  /**
   * What happens to a plain-text dialogue before it is sent ({@link planTextRedaction}): scrubbed,
   * sent as it is, or refused. Absent on plans stored before the rule: then it is derived from
   * `transcription` and `environment` with no statement ({@link textRedactionOf}).
   */
  textRedaction?: TextRedactionPlan;
}

/**
 * A caller's choices for one visit, over the config. Anything left out comes from the config; where
 * the config is silent, from `DEFAULT_SOAP_CONFIG` (redaction: the HIPAA Safe Harbor preset).
 */
export interface VisitOverrides {
  /** A template spec (`id`, `id@version`, `id@range`) that beats the config's experiments. */
  template?: string | undefined;
  /** The id(s) the config's experiment assigns by. @default `{ visit_id: key }` */
  experimentKey?: SelectionKey | undefined;
  model?: string | undefined;
  redaction?: RedactionOverride | undefined;
  /** Sets `speaker_labels` and `speakers_expected`. */
  speakersExpected?: number | undefined;
  keyterms?: readonly string[] | undefined;
  /** `true`: `domain: "medical-v1"`; `false`: no domain. */
  medical?: boolean | undefined;
  transcriptMode?: TranscriptMode | "auto" | undefined;
  identifyRoles?: boolean | undefined;
  environment?: "assemblyai" | "sandbox" | undefined;
  /**
   * The caller states that a text dialogue is already de-identified, so it may go to a real gateway
   * (the local scrubber still runs). Without it (or `redaction: false`) text is refused there.
   * @default false
   */
  deidentified?: boolean | undefined;
}

/**
 * Plans a visit: the template (an explicit spec, else the config's experiment by the visit's key,
 * else the config's template), its exact ref and hash, the model, the transcription parameters with
 * the redaction policy, what happens to a text dialogue, the transcript mode and speaker-role
 * identification. Pure and deterministic: the same config, key and overrides give the same plan in
 * every app.
 *
 * @param key the visit's stable id (the CLI's manifest id, the edge API's job id).
 * @throws {TemplateNotFoundError} (from `@org/soap-prompts`) for a template spec that matches nothing.
 * @throws {RequestValidationError} for an unknown redaction policy.
 * @example
 * ```ts
 * const plan = await planVisit(parseSoapConfig(raw), "visit-042", { redaction: { policies: ["medical", "person_age"] } });
 * ```
 */
export async function planVisit(config: SoapConfig, key: string, overrides: VisitOverrides = {}): Promise<VisitPlan> {
  const chosen =
    overrides.template !== undefined
      ? { template: getTemplate(overrides.template), experiment: undefined, variant: undefined }
      : selectTemplate(config, overrides.experimentKey ?? { visit_id: key });
  let transcription = applyRedaction(transcriptionParams(config.transcription), overrides.redaction);
  if (overrides.speakersExpected !== undefined) {
    transcription = { ...transcription, speaker_labels: true, speakers_expected: overrides.speakersExpected };
  }
  if (overrides.keyterms !== undefined) transcription = { ...transcription, keyterms_prompt: [...overrides.keyterms] };
  if (overrides.medical === true) transcription = { ...transcription, domain: "medical-v1" };
  else if (overrides.medical === false) {
    const { domain: _d, ...rest } = transcription;
    transcription = rest;
  }
  const plan: VisitPlan = {
    template: { ref: templateRef(chosen.template), hash: await templateHash(chosen.template) },
    model: overrides.model ?? config.model,
    transcription,
    transcriptMode: overrides.transcriptMode ?? "auto",
    identifyRoles: overrides.identifyRoles ?? false,
    environment: overrides.environment ?? "assemblyai",
  };
  plan.textRedaction = planTextRedaction(transcription, plan.environment, overrides.deidentified === true);
  if (key !== "") plan.visitId = key;
  if (chosen.experiment !== undefined) plan.experiment = chosen.experiment;
  if (chosen.variant !== undefined) plan.variant = chosen.variant;
  return plan;
}

/** zod schema of a stored {@link VisitPlan} (the edge API keeps it in D1). */
export const visitPlanSchema = z.object({
  template: z.object({ ref: z.string().check(z.minLength(1)), hash: z.string().check(z.minLength(1)) }),
  experiment: z.optional(z.string()),
  variant: z.optional(z.string()),
  model: z.string().check(z.minLength(1)),
  transcription: z.record(z.string(), z.unknown()),
  transcriptMode: z.enum(["auto", "inline", "transcript_id"]),
  identifyRoles: z.boolean(),
  environment: z.enum(["assemblyai", "sandbox"]),
  visitId: z.optional(z.string().check(z.minLength(1))),
  textRedaction: z.optional(textRedactionPlanSchema),
});

/** What a store kept of a visit before plans were stored whole (the edge API's first schema). */
export interface LegacyPlanFields {
  /** Exact `id@version` the visit was pinned to. */
  template: string;
  model: string;
  experiment?: string | null | undefined;
  variant?: string | null | undefined;
}

/**
 * Reads a stored plan (`JSON.stringify(plan)`). Text that is not a plan (a row written before plans
 * were stored, holding transcription options only) becomes the plan those fields pinned: the template
 * ref with its current hash, the model, `auto` transcript mode, no role identification.
 * @throws {TemplateNotFoundError} when a legacy row's template is no longer in the registry.
 */
export async function visitPlanFromJson(json: string, legacy: LegacyPlanFields): Promise<VisitPlan> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = undefined;
  }
  const parsed = safeParse(visitPlanSchema, raw);
  if (parsed.success) return parsed.data as VisitPlan;
  const template = getTemplate(legacy.template);
  const options = typeof raw === "object" && raw !== null ? (raw as TranscriptionParams) : {};
  const plan: VisitPlan = {
    template: { ref: templateRef(template), hash: await templateHash(template) },
    model: legacy.model,
    transcription: options,
    transcriptMode: "auto",
    identifyRoles: false,
    environment: "assemblyai",
  };
  if (legacy.experiment) plan.experiment = legacy.experiment;
  if (legacy.variant) plan.variant = legacy.variant;
  return plan;
}
