import { z } from "zod";
import { TRANSCRIPT_LANGUAGE_CODES } from "./language-codes.js";
import { DEFAULT_SPEECH_MODELS, type SpeechModelInfo } from "./speech-models.js";

/** The 44 `PiiPolicy` names of openapi.yml. */
export const PII_POLICIES = [
  "account_number", "banking_information", "blood_type", "credit_card_cvv", "credit_card_expiration",
  "credit_card_number", "date", "date_interval", "date_of_birth", "drivers_license", "drug", "duration",
  "email_address", "event", "filename", "gender_sexuality", "healthcare_number", "injury", "ip_address",
  "language", "location", "marital_status", "medical_condition", "medical_process", "money_amount",
  "nationality", "number_sequence", "occupation", "organization", "passport_number", "password",
  "person_age", "person_name", "phone_number", "physical_attribute", "political_affiliation", "religion",
  "statistics", "time", "url", "us_social_security_number", "username", "vehicle_id", "zodiac_sign",
] as const;

/** `SubstitutionPolicy` of openapi.yml (its description says `entity_type`; the enum says `entity_name`). */
export const SUBSTITUTION_POLICIES = ["entity_name", "hash"] as const;
/** `RedactPiiAudioQuality`. */
export const REDACTED_AUDIO_QUALITIES = ["mp3", "wav"] as const;
/** `SummaryModel`. */
export const SUMMARY_MODELS = ["informative", "conversational", "catchy"] as const;
/** `SummaryType`. */
export const SUMMARY_TYPES = ["bullets", "bullets_verbose", "gist", "headline", "paragraph"] as const;
/** `domain` values documented in API-NOTES.md (Medical Mode; the field is not in openapi.yml). */
export const DOMAINS = ["medical-v1"] as const;
/** openapi.yml `keyterms_prompt`: "maximum 6 words per phrase". */
export const KEYTERM_MAX_WORDS = 6;
/** openapi.yml `prompt`: "up to 1,500 words". */
export const PROMPT_MAX_WORDS = 1500;
/** openapi.yml `SpeakerIdentificationRequestBody.known_values`: "Each value must be 35 characters or less." */
export const KNOWN_VALUE_MAX_CHARS = 35;

const httpUrl = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}, "must be an http(s) URL");

// Nullability follows the spec: only the fields it types `[x, "null"]` or `oneOf: [..., null]` take null.
const bool = z.boolean().optional();
const int = z.number().int();
const unit = z.number().min(0).max(1);

const speakerIdentification = z.looseObject({
  speaker_type: z.enum(["role", "name"]),
  known_values: z.array(z.string().max(KNOWN_VALUE_MAX_CHARS, `each value must be ${KNOWN_VALUE_MAX_CHARS} characters or less`)).optional(),
  speakers: z.array(z.looseObject({ role: z.string().optional(), name: z.string().optional(), description: z.string().optional() })).optional(),
});

/** `speech_understanding.request`: one of TranslationRequestBody, SpeakerIdentificationRequestBody, CustomFormattingRequestBody. */
const understandingRequest = z.looseObject({
  translation: z
    .looseObject({ target_languages: z.array(z.string()), formal: z.boolean().optional(), match_original_utterance: z.boolean().optional() })
    .optional(),
  speaker_identification: speakerIdentification.optional(),
  custom_formatting: z
    .looseObject({ date: z.string().optional(), phone_number: z.string().optional(), email: z.string().optional() })
    .optional(),
});

/**
 * The shape of openapi.yml `TranscriptParams` (= `audio_url` + `TranscriptOptionalParams`) as zod:
 * closed (`additionalProperties: false`, also on every nested object the spec closes), `audio_url`
 * and `speech_models` required, enums, integer types, the spec's minimum/maximum, and `null` only
 * where the spec allows it. `domain` is accepted too (Medical Mode, documented in API-NOTES.md but
 * missing from the spec file). Rules that depend on other fields or on the speech model list are in
 * {@link validateTranscriptParams}; the limits the spec does not state (speaker counts >= 1, times >= 0)
 * are the sandbox's own.
 */
export const transcriptParamsSchema = z.strictObject({
  audio_url: httpUrl,
  speech_models: z.array(z.string()).min(1, "list at least one speech model"),
  audio_end_at: int.min(0).optional(),
  audio_start_from: int.min(0).optional(),
  auto_chapters: bool,
  auto_highlights: bool,
  content_safety: bool,
  content_safety_confidence: int.min(25, "values must be between 25 and 100").max(100, "values must be between 25 and 100").optional(),
  custom_spelling: z.array(z.strictObject({ from: z.array(z.string()), to: z.string() })).optional(),
  disfluencies: bool,
  domain: z.enum(DOMAINS).optional(),
  entity_detection: bool,
  filter_profanity: bool,
  format_text: bool,
  iab_categories: bool,
  keyterms_prompt: z.array(z.string()).optional(),
  language_code: z.enum(TRANSCRIPT_LANGUAGE_CODES).nullish(),
  language_codes: z.array(z.enum(TRANSCRIPT_LANGUAGE_CODES)).nullish(),
  language_confidence_threshold: unit.optional(),
  language_detection: bool,
  language_detection_options: z
    .strictObject({
      expected_languages: z.array(z.string()).optional(),
      fallback_language: z.string().optional(),
      code_switching: z.boolean().optional(),
      code_switching_confidence_threshold: unit.optional(),
    })
    .optional(),
  multichannel: bool,
  prompt: z.string().optional(),
  punctuate: bool,
  redact_pii: bool,
  redact_pii_audio: bool,
  redact_pii_audio_options: z
    .strictObject({
      return_redacted_no_speech_audio: z.boolean().optional(),
      override_audio_redaction_method: z.enum(["silence"]).optional(),
    })
    .optional(),
  redact_pii_audio_quality: z.enum(REDACTED_AUDIO_QUALITIES).optional(),
  redact_pii_policies: z.array(z.enum(PII_POLICIES)).optional(),
  redact_pii_sub: z.enum(SUBSTITUTION_POLICIES).nullish(),
  sentiment_analysis: bool,
  speaker_labels: bool,
  speaker_options: z.strictObject({ min_speakers_expected: int.min(1).optional(), max_speakers_expected: int.min(1).optional() }).optional(),
  speakers_expected: int.min(1).nullish(),
  speech_threshold: z.number().min(0, "valid values are in the range [0, 1] inclusive").max(1, "valid values are in the range [0, 1] inclusive").nullish(),
  speech_understanding: z.looseObject({ request: understandingRequest }).optional(),
  summarization: bool,
  summary_model: z.enum(SUMMARY_MODELS).optional(),
  summary_type: z.enum(SUMMARY_TYPES).optional(),
  remove_audio_tags: z.enum(["all"]).nullish(),
  temperature: unit.optional(),
  webhook_auth_header_name: z.string().nullish(),
  webhook_auth_header_value: z.string().nullish(),
  webhook_url: httpUrl.optional(),
  custom_topics: bool,
  speech_model: z.string().nullish(),
  topics: z.array(z.string()).optional(),
});

/** A validated create-transcript body. */
export type TranscriptParams = z.infer<typeof transcriptParamsSchema>;

/** The result of {@link validateTranscriptParams}: the body, or the message of a 400. */
export type TranscriptParamsResult = { ok: true; params: TranscriptParams } | { ok: false; error: string };

const words = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;
const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(", ");

/**
 * Validates a `POST /v2/transcript` body like AssemblyAI (at least as strictly): the shape of
 * {@link transcriptParamsSchema}, then the rules the spec states in descriptions or that depend on the
 * speech models. Model-specific rules apply to the FIRST of `speech_models` (the model the request is
 * routed to first; the docs' examples list `universal-3-pro` first, then `universal-2` as fallback).
 * Returns the first problem as a one-line message that never echoes a submitted value (it may be a secret).
 */
export function validateTranscriptParams(raw: unknown, models: readonly SpeechModelInfo[] = DEFAULT_SPEECH_MODELS): TranscriptParamsResult {
  const parsed = transcriptParamsSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, error: describeTranscriptIssue(parsed.error) };
  const error = ruleViolation(parsed.data, models);
  return error ? { ok: false, error } : { ok: true, params: parsed.data };
}

function ruleViolation(p: TranscriptParams, models: readonly SpeechModelInfo[]): string | null {
  const byName = new Map(models.map((m) => [m.name, m]));
  const accepted = `accepted: ${quoted(models.map((m) => m.name))}`;
  for (const [i, name] of p.speech_models.entries()) {
    if (!byName.has(name)) return `Invalid value for "speech_models.${i}": unknown speech model (${accepted})`;
  }
  if (p.speech_model != null && !byName.has(p.speech_model)) return `Invalid value for "speech_model": unknown speech model (${accepted})`;
  if (p.language_codes && !p.language_codes.includes("en")) return `Invalid value for "language_codes": one of the values specified must be "en"`;
  if (p.audio_end_at !== undefined && p.audio_end_at <= (p.audio_start_from ?? 0)) {
    return `Invalid value for "audio_end_at": must be greater than audio_start_from${p.audio_start_from === undefined ? " (0 when not set)" : ""}`;
  }
  const range = p.speaker_options;
  if (range?.min_speakers_expected !== undefined && range.max_speakers_expected !== undefined && range.max_speakers_expected < range.min_speakers_expected) {
    return `Invalid value for "speaker_options.max_speakers_expected": must be >= min_speakers_expected`;
  }

  const first = byName.get(p.speech_models[0] as string) as SpeechModelInfo;
  const routed = `the first of speech_models is "${first.name}"`;
  if (p.keyterms_prompt && p.keyterms_prompt.length > 0) {
    if (first.keytermsMax === null) return `Invalid value for "keyterms_prompt": not supported by the ${first.label} model (${routed})`;
    if (p.keyterms_prompt.length > first.keytermsMax) {
      return `Invalid value for "keyterms_prompt": up to ${first.keytermsMax} words or phrases with the ${first.label} model (${routed}); got ${p.keyterms_prompt.length}`;
    }
    const long = p.keyterms_prompt.findIndex((k) => words(k) > KEYTERM_MAX_WORDS);
    if (long !== -1) return `Invalid value for "keyterms_prompt.${long}": maximum ${KEYTERM_MAX_WORDS} words per phrase`;
  }
  if (p.prompt !== undefined) {
    if (!first.prompt) return `Invalid value for "prompt": this parameter is only supported for the Universal-3 Pro model (${routed})`;
    if (words(p.prompt) > PROMPT_MAX_WORDS) return `Invalid value for "prompt": up to 1,500 words of contextual information`;
  }
  if (p.temperature !== undefined && !first.temperature) {
    return `Invalid value for "temperature": this parameter can only be used with the Universal-3 Pro model (${routed})`;
  }
  if (p.remove_audio_tags != null && !first.removeAudioTags) {
    return `Invalid value for "remove_audio_tags": this parameter is only supported for the Universal-3 Pro model (${routed})`;
  }

  const request = p.speech_understanding?.request;
  if (request) {
    const tasks = (["translation", "speaker_identification", "custom_formatting"] as const).filter((k) => request[k] !== undefined);
    if (tasks.length !== 1) {
      return `Invalid value for "speech_understanding.request": give exactly one of translation, speaker_identification, custom_formatting`;
    }
    const id = request.speaker_identification;
    if (id) {
      if (id.speaker_type === "role" && id.known_values === undefined && id.speakers === undefined) {
        return `Invalid value for "speech_understanding.request.speaker_identification": known_values (or speakers) is required if speaker_type is "role"`;
      }
      const key = id.speaker_type === "role" ? "role" : "name";
      const missing = (id.speakers ?? []).findIndex((s) => typeof s[key] !== "string");
      if (missing !== -1) {
        return `Invalid value for "speech_understanding.request.speaker_identification.speakers.${missing}": ${key} is required when speaker_type is "${id.speaker_type}"`;
      }
    }
  }
  return null;
}

const ARTICLE: Record<string, string> = {
  int: "an integer",
  number: "a number",
  boolean: "a boolean",
  string: "a string",
  array: "an array",
  object: "an object",
};

/**
 * The message of the first zod issue of a create body, in the v2 style (`Invalid value for "<path>": ...`,
 * `Missing required field "<path>"`, `Invalid request body: unknown field(s) ...`). Never echoes the value.
 */
export function describeTranscriptIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid request body";
  const path = issue.path.map(String).join(".");
  const field = (reason: string) => (path ? `Invalid value for "${path}": ${reason}` : `Invalid request body: ${reason}`);
  switch (issue.code) {
    case "unrecognized_keys":
      return field(`unknown field(s) ${quoted(issue.keys)}`);
    case "invalid_type":
      if (!path) return "Invalid request body: expected a JSON object";
      if (issue.input === undefined) return `Missing required field "${path}"`;
      if (issue.input === null) return field("null is not allowed");
      return field(`expected ${ARTICLE[issue.expected] ?? issue.expected}`);
    case "invalid_value": {
      if (issue.input === null) return field("null is not allowed");
      const values = issue.values.map(String);
      return field(values.length <= 8 ? `expected one of ${quoted(values)}` : `not one of the ${values.length} accepted values`);
    }
    case "too_small":
    case "too_big": {
      // Custom messages (the spec's wording) are kept; zod's defaults are rephrased.
      if (!issue.message.startsWith("Too ")) return field(issue.message);
      const small = issue.code === "too_small";
      const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
      const op = small ? (issue.inclusive === false ? ">" : ">=") : issue.inclusive === false ? "<" : "<=";
      if (issue.origin === "array") return field(`must have ${small ? "at least" : "at most"} ${bound} item(s)`);
      if (issue.origin === "string") return field(`must have ${small ? "at least" : "at most"} ${bound} character(s)`);
      return field(`must be ${op} ${bound}`);
    }
    default:
      return field(issue.message);
  }
}

/** One AssemblyAI-style message for the first zod issue (never echoes the value, which may be a secret). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid request body";
  if (issue.code === "unrecognized_keys") {
    return `Invalid request body: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  const path = issue.path.join(".");
  return path ? `Invalid value for "${path}": ${issue.message}` : `Invalid request body: ${issue.message}`;
}
