import { z } from "zod";

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

const httpUrl = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}, "must be an http(s) URL");

const bool = z.boolean().nullish();
const unit = z.number().min(0).max(1);

/**
 * `TranscriptParams` of openapi.yml as zod. Strict like the spec (`additionalProperties: false`), but
 * lenient where the spec's own examples are (they send `null` for `summary_model` and omit
 * `speech_models`, which the schema lists as required): the spec's examples must be accepted.
 * `domain` is accepted too (Medical Mode, documented but missing from the spec file).
 */
export const transcriptParamsSchema = z.strictObject({
  audio_url: httpUrl,
  audio_end_at: z.number().int().nullish(),
  audio_start_from: z.number().int().nullish(),
  auto_chapters: bool,
  auto_highlights: bool,
  content_safety: bool,
  content_safety_confidence: z.number().int().min(25).max(100).nullish(),
  custom_spelling: z.array(z.strictObject({ from: z.array(z.string()), to: z.string() })).nullish(),
  disfluencies: bool,
  domain: z.string().nullish(),
  entity_detection: bool,
  filter_profanity: bool,
  format_text: bool,
  iab_categories: bool,
  keyterms_prompt: z.array(z.string()).max(1000).nullish(),
  language_code: z.string().nullish(),
  language_codes: z.array(z.string()).nullish(),
  language_confidence_threshold: unit.nullish(),
  language_detection: bool,
  language_detection_options: z
    .strictObject({
      expected_languages: z.array(z.string()).optional(),
      fallback_language: z.string().optional(),
      code_switching: z.boolean().optional(),
      code_switching_confidence_threshold: unit.optional(),
    })
    .nullish(),
  multichannel: bool,
  prompt: z.string().nullish(),
  punctuate: bool,
  redact_pii: bool,
  redact_pii_audio: bool,
  redact_pii_audio_options: z
    .strictObject({
      return_redacted_no_speech_audio: z.boolean().optional(),
      override_audio_redaction_method: z.literal("silence").optional(),
    })
    .nullish(),
  redact_pii_audio_quality: z.enum(["mp3", "wav"]).nullish(),
  redact_pii_policies: z.array(z.enum(PII_POLICIES)).nullish(),
  redact_pii_sub: z.enum(["entity_name", "hash"]).nullish(),
  sentiment_analysis: bool,
  speaker_labels: bool,
  speaker_options: z
    .strictObject({
      min_speakers_expected: z.number().int().optional(),
      max_speakers_expected: z.number().int().optional(),
    })
    .nullish(),
  speakers_expected: z.number().int().nullish(),
  speech_models: z.array(z.string().min(1)).nullish(),
  speech_threshold: unit.nullish(),
  speech_understanding: z.object({ request: z.record(z.string(), z.unknown()) }).nullish(),
  summarization: bool,
  summary_model: z.enum(["informative", "conversational", "catchy"]).nullish(),
  summary_type: z.enum(["bullets", "bullets_verbose", "gist", "headline", "paragraph"]).nullish(),
  remove_audio_tags: z.literal("all").nullish(),
  temperature: unit.nullish(),
  webhook_auth_header_name: z.string().nullish(),
  webhook_auth_header_value: z.string().nullish(),
  webhook_url: httpUrl.nullish(),
  custom_topics: bool,
  speech_model: z.string().nullish(),
  topics: z.array(z.string()).nullish(),
});

/** A validated create-transcript body. */
export type TranscriptParams = z.infer<typeof transcriptParamsSchema>;

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
