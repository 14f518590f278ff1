import { z } from "zod";
import type { Refusal } from "./chat-request.js";
import { describeRequestIssue } from "./request-issues.js";

/**
 * `POST /v1/understanding` bodies, checked like llm-gateway.yml's `UnderstandingRequest`: the shape,
 * then `request` as exactly one of its three tasks (`oneOf`), then the rules the descriptions state.
 */

/** openapi.yml / llm-gateway.yml `known_values`: "Each value must be 35 characters or less." */
export const KNOWN_VALUE_MAX_CHARS = 35;

/** The tasks of `speech_understanding.request` (`oneOf`). */
export const UNDERSTANDING_TASKS = ["translation", "speaker_identification", "custom_formatting"] as const;
export type UnderstandingTask = (typeof UNDERSTANDING_TASKS)[number];

/** `TranslationRequestBody.translation`. */
const translationSchema = z.looseObject({
  target_languages: z.array(z.string()),
  formal: z.boolean().optional(),
  match_original_utterance: z.boolean().optional(),
});

/** `speaker_type` values. */
export const SPEAKER_TYPES = ["role", "name"] as const;

/** `SpeakerIdentificationRequestBody.speaker_identification`; `speakers` items take extra properties. */
export const speakerIdentificationSchema = z.looseObject({
  speaker_type: z.enum(SPEAKER_TYPES),
  known_values: z.array(z.string().max(KNOWN_VALUE_MAX_CHARS, `must be ${KNOWN_VALUE_MAX_CHARS} characters or less (each value)`)).optional(),
  speakers: z.array(z.looseObject({ role: z.string().optional(), name: z.string().optional(), description: z.string().optional() })).optional(),
});
export type SpeakerIdentification = z.infer<typeof speakerIdentificationSchema>;

/** `CustomFormattingRequestBody.custom_formatting`. */
const customFormattingSchema = z.looseObject({ date: z.string().optional(), phone_number: z.string().optional(), email: z.string().optional() });

/**
 * `UnderstandingRequest`. The spec has no `model`; one that is given must still be a string (the
 * route checks it against the region like chat's).
 */
export const understandingRequestSchema = z.looseObject({
  transcript_id: z.string(),
  model: z.string().optional(),
  speech_understanding: z.looseObject({
    request: z.looseObject({
      translation: translationSchema.optional(),
      speaker_identification: speakerIdentificationSchema.optional(),
      custom_formatting: customFormattingSchema.optional(),
    }),
  }),
});
export type UnderstandingRequest = z.infer<typeof understandingRequestSchema>;

const PREFIX = "speech_understanding.request";

/** The body and its one task, or the refusal of its first problem. */
export function parseUnderstandingRequest(raw: unknown): { ok: true; request: UnderstandingRequest; task: UnderstandingTask } | { ok: false; refusal: Refusal } {
  const parsed = understandingRequestSchema.safeParse(raw);
  const refuse = (message: string) => ({ ok: false as const, refusal: { status: 400 as const, message } });
  if (!parsed.success) return refuse(describeRequestIssue(parsed.error, raw));
  const request = parsed.data.speech_understanding.request;
  const tasks = UNDERSTANDING_TASKS.filter((t) => request[t] !== undefined);
  if (tasks.length !== 1) {
    return refuse(`Invalid request: '${PREFIX}' must give exactly one of ${UNDERSTANDING_TASKS.map((t) => `'${t}'`).join(", ")} (it gives ${tasks.length})`);
  }
  const sid = request.speaker_identification;
  if (sid) {
    // known_values' description: "Required if speaker_type is "role"" (speakers is the documented alternative).
    if (sid.speaker_type === "role" && sid.known_values === undefined && sid.speakers === undefined) {
      return refuse(`Invalid request: '${PREFIX}.speaker_identification.known_values' (or 'speakers') is required if speaker_type is "role"`);
    }
    // speakers[].role / .name descriptions: "Required when speaker_type is ...".
    const key = sid.speaker_type;
    const missing = (sid.speakers ?? []).findIndex((s) => typeof s[key] !== "string");
    if (missing !== -1) return refuse(`Invalid request: '${PREFIX}.speaker_identification.speakers.${missing}.${key}' is required when speaker_type is "${key}"`);
  }
  return { ok: true, request: parsed.data, task: tasks[0] as UnderstandingTask };
}

/** The values to assign to speakers: `known_values`, else each speaker's role or name. */
export function identificationValues(sid: SpeakerIdentification): string[] {
  return sid.known_values ?? (sid.speakers ?? []).map((s) => s[sid.speaker_type] ?? "");
}
