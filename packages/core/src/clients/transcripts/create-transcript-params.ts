import * as z from "zod";

/** The 44 PII policy names of AssemblyAI's `PiiPolicy` enum (openapi.yml). */
export const PII_POLICIES = [
  "account_number",
  "banking_information",
  "blood_type",
  "credit_card_cvv",
  "credit_card_expiration",
  "credit_card_number",
  "date",
  "date_interval",
  "date_of_birth",
  "drivers_license",
  "drug",
  "duration",
  "email_address",
  "event",
  "filename",
  "gender_sexuality",
  "healthcare_number",
  "injury",
  "ip_address",
  "language",
  "location",
  "marital_status",
  "medical_condition",
  "medical_process",
  "money_amount",
  "nationality",
  "number_sequence",
  "occupation",
  "organization",
  "passport_number",
  "password",
  "person_age",
  "person_name",
  "phone_number",
  "physical_attribute",
  "political_affiliation",
  "religion",
  "statistics",
  "time",
  "url",
  "us_social_security_number",
  "username",
  "vehicle_id",
  "zodiac_sign",
] as const;

/** A PII policy name. */
export type PiiPolicy = (typeof PII_POLICIES)[number];

const httpUrl = z.url({ protocol: /^https?$/ });
const int = z.number().int();
const unit = z.number().min(0).max(1);

/** openapi.yml `keyterms_prompt`: "maximum 6 words per phrase". */
const KEYTERM_MAX_WORDS = 6;
const wordCount = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;

const speakerIdentification = z.looseObject({
  speaker_type: z.enum(["role", "name"]),
  known_values: z.array(z.string().max(35, "each value must be 35 characters or less")).optional(),
  speakers: z.array(z.looseObject({ role: z.string().optional(), name: z.string().optional(), description: z.string().optional() })).optional(),
});

/**
 * Body of `POST /v2/transcript`: openapi.yml `TranscriptParams` (audio_url + `TranscriptOptionalParams`),
 * closed like the spec (`additionalProperties: false`): a field the spec does not document, such as
 * the typo `speaker_label`, fails to compile and fails validation naming it (RequestValidationError,
 * nothing sent). `domain` (Medical Mode) is documented in API-NOTES.md though not in the spec file.
 * `null` is accepted only where the spec allows it. Speech model names are any non-empty strings (the
 * accepted set changes over time: keep it in configuration); which fields a model takes is checked
 * by AssemblyAI (and the sandbox), not here.
 */
export const createTranscriptParamsSchema = z
  .strictObject({
    audio_url: httpUrl,
    speech_models: z.array(z.string().min(1)).min(1).optional(),
    audio_end_at: int.min(0).optional(),
    audio_start_from: int.min(0).optional(),
    auto_chapters: z.boolean().optional(),
    auto_highlights: z.boolean().optional(),
    content_safety: z.boolean().optional(),
    content_safety_confidence: int.min(25).max(100).optional(),
    custom_spelling: z.array(z.strictObject({ from: z.array(z.string()), to: z.string() })).optional(),
    disfluencies: z.boolean().optional(),
    domain: z.string().min(1).optional(),
    entity_detection: z.boolean().optional(),
    filter_profanity: z.boolean().optional(),
    format_text: z.boolean().optional(),
    iab_categories: z.boolean().optional(),
    keyterms_prompt: z
      .array(z.string().min(1).refine((k) => wordCount(k) <= KEYTERM_MAX_WORDS, `maximum ${KEYTERM_MAX_WORDS} words per phrase`))
      .max(1000)
      .optional(),
    language_code: z.string().min(1).nullable().optional(),
    language_codes: z.array(z.string().min(1)).nullable().optional(),
    language_confidence_threshold: unit.optional(),
    language_detection: z.boolean().optional(),
    language_detection_options: z
      .strictObject({
        expected_languages: z.array(z.string()).optional(),
        fallback_language: z.string().optional(),
        code_switching: z.boolean().optional(),
        code_switching_confidence_threshold: unit.optional(),
      })
      .optional(),
    multichannel: z.boolean().optional(),
    prompt: z.string().optional(),
    punctuate: z.boolean().optional(),
    redact_pii: z.boolean().optional(),
    redact_pii_audio: z.boolean().optional(),
    redact_pii_audio_options: z
      .strictObject({ return_redacted_no_speech_audio: z.boolean().optional(), override_audio_redaction_method: z.literal("silence").optional() })
      .optional(),
    redact_pii_audio_quality: z.enum(["mp3", "wav"]).optional(),
    redact_pii_policies: z.array(z.enum(PII_POLICIES)).optional(),
    redact_pii_sub: z.enum(["hash", "entity_name"]).nullable().optional(),
    sentiment_analysis: z.boolean().optional(),
    speaker_labels: z.boolean().optional(),
    speaker_options: z.strictObject({ min_speakers_expected: int.min(1).optional(), max_speakers_expected: int.min(1).optional() }).optional(),
    speakers_expected: int.positive().nullable().optional(),
    speech_threshold: unit.nullable().optional(),
    speech_understanding: z
      .looseObject({
        request: z.looseObject({
          translation: z.looseObject({ target_languages: z.array(z.string()), formal: z.boolean().optional(), match_original_utterance: z.boolean().optional() }).optional(),
          speaker_identification: speakerIdentification.optional(),
          custom_formatting: z.looseObject({ date: z.string().optional(), phone_number: z.string().optional(), email: z.string().optional() }).optional(),
        }),
      })
      .optional(),
    summarization: z.boolean().optional(),
    summary_model: z.enum(["informative", "conversational", "catchy"]).optional(),
    summary_type: z.enum(["bullets", "bullets_verbose", "gist", "headline", "paragraph"]).optional(),
    remove_audio_tags: z.literal("all").nullable().optional(),
    temperature: unit.optional(),
    webhook_url: httpUrl.optional(),
    webhook_auth_header_name: z.string().min(1).nullable().optional(),
    webhook_auth_header_value: z.string().min(1).nullable().optional(),
    custom_topics: z.boolean().optional(),
    speech_model: z.string().min(1).nullable().optional(),
    topics: z.array(z.string()).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.redact_pii === true && !(p.redact_pii_policies && p.redact_pii_policies.length > 0)) {
      ctx.addIssue({ code: "custom", path: ["redact_pii_policies"], message: "required (non-empty) when redact_pii is true" });
    }
    const hasName = p.webhook_auth_header_name != null;
    const hasValue = p.webhook_auth_header_value != null;
    if (hasName !== hasValue) {
      ctx.addIssue({
        code: "custom",
        path: [hasName ? "webhook_auth_header_value" : "webhook_auth_header_name"],
        message: "webhook_auth_header_name and webhook_auth_header_value go together",
      });
    }
    if (p.redact_pii_audio === true && p.redact_pii !== true) {
      ctx.addIssue({ code: "custom", path: ["redact_pii"], message: "must be true when redact_pii_audio is true" });
    }
    if (p.language_codes && !p.language_codes.includes("en")) {
      ctx.addIssue({ code: "custom", path: ["language_codes"], message: 'one of the values specified must be "en"' });
    }
    if (p.audio_end_at !== undefined && p.audio_end_at <= (p.audio_start_from ?? 0)) {
      ctx.addIssue({ code: "custom", path: ["audio_end_at"], message: "must be greater than audio_start_from" });
    }
    const range = p.speaker_options;
    if (range?.min_speakers_expected !== undefined && range.max_speakers_expected !== undefined && range.max_speakers_expected < range.min_speakers_expected) {
      ctx.addIssue({ code: "custom", path: ["speaker_options", "max_speakers_expected"], message: "must be >= min_speakers_expected" });
    }
    const request = p.speech_understanding?.request;
    if (request) {
      const tasks = (["translation", "speaker_identification", "custom_formatting"] as const).filter((k) => request[k] !== undefined);
      if (tasks.length !== 1) {
        ctx.addIssue({ code: "custom", path: ["speech_understanding", "request"], message: "give exactly one of translation, speaker_identification, custom_formatting" });
      }
      const id = request.speaker_identification;
      if (id?.speaker_type === "role" && id.known_values === undefined && id.speakers === undefined) {
        ctx.addIssue({ code: "custom", path: ["speech_understanding", "request", "speaker_identification", "known_values"], message: 'required if speaker_type is "role" (or give speakers)' });
      }
    }
  });

/**
 * Parameters of {@link TranscriptsClient.create}: exactly the fields of openapi.yml `TranscriptParams`
 * (plus `domain`), so a misspelt field is a compile error.
 */
export type CreateTranscriptParams = z.input<typeof createTranscriptParamsSchema>;

/** Query of `GET /v2/transcript`. */
export const listTranscriptsParamsSchema = z.strictObject({
  limit: z.number().int().min(1).max(200).optional(),
  status: z.enum(["queued", "processing", "completed", "error"]).optional(),
  created_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  before_id: z.string().min(1).optional(),
  after_id: z.string().min(1).optional(),
  throttled_only: z.boolean().optional(),
});
/** Filters of {@link TranscriptsClient.list}. */
export type ListTranscriptsParams = z.input<typeof listTranscriptsParamsSchema>;
