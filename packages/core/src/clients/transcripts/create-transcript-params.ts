import * as z from "zod/mini";

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
const int = z.int();
const unit = z.number().check(z.gte(0), z.lte(1));

/** openapi.yml `keyterms_prompt`: "maximum 6 words per phrase". */
const KEYTERM_MAX_WORDS = 6;
const wordCount = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;

const speakerIdentification = z.looseObject({
  speaker_type: z.enum(["role", "name"]),
  known_values: z.optional(z.array(z.string().check(z.maxLength(35, "each value must be 35 characters or less")))),
  speakers: z.optional(z.array(z.looseObject({ role: z.optional(z.string()), name: z.optional(z.string()), description: z.optional(z.string()) }))),
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
    speech_models: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
    audio_end_at: z.optional(int.check(z.gte(0))),
    audio_start_from: z.optional(int.check(z.gte(0))),
    auto_chapters: z.optional(z.boolean()),
    auto_highlights: z.optional(z.boolean()),
    content_safety: z.optional(z.boolean()),
    content_safety_confidence: z.optional(int.check(z.gte(25), z.lte(100))),
    custom_spelling: z.optional(z.array(z.strictObject({ from: z.array(z.string()), to: z.string() }))),
    disfluencies: z.optional(z.boolean()),
    domain: z.optional(z.string().check(z.minLength(1))),
    entity_detection: z.optional(z.boolean()),
    filter_profanity: z.optional(z.boolean()),
    format_text: z.optional(z.boolean()),
    iab_categories: z.optional(z.boolean()),
    keyterms_prompt: z.optional(z.array(z.string().check(z.minLength(1), z.refine((k) => wordCount(k) <= KEYTERM_MAX_WORDS, `maximum ${KEYTERM_MAX_WORDS} words per phrase`))).check(z.maxLength(1000))),
    language_code: z.optional(z.nullable(z.string().check(z.minLength(1)))),
    language_codes: z.optional(z.nullable(z.array(z.string().check(z.minLength(1))))),
    language_confidence_threshold: z.optional(unit),
    language_detection: z.optional(z.boolean()),
    language_detection_options: z.optional(z.strictObject({
        expected_languages: z.optional(z.array(z.string())),
        fallback_language: z.optional(z.string()),
        code_switching: z.optional(z.boolean()),
        code_switching_confidence_threshold: z.optional(unit),
      })),
    multichannel: z.optional(z.boolean()),
    prompt: z.optional(z.string()),
    punctuate: z.optional(z.boolean()),
    redact_pii: z.optional(z.boolean()),
    redact_pii_audio: z.optional(z.boolean()),
    redact_pii_audio_options: z.optional(z.strictObject({ return_redacted_no_speech_audio: z.optional(z.boolean()), override_audio_redaction_method: z.optional(z.literal("silence")) })),
    redact_pii_audio_quality: z.optional(z.enum(["mp3", "wav"])),
    redact_pii_policies: z.optional(z.array(z.enum(PII_POLICIES))),
    redact_pii_sub: z.optional(z.nullable(z.enum(["hash", "entity_name"]))),
    sentiment_analysis: z.optional(z.boolean()),
    speaker_labels: z.optional(z.boolean()),
    speaker_options: z.optional(z.strictObject({ min_speakers_expected: z.optional(int.check(z.gte(1))), max_speakers_expected: z.optional(int.check(z.gte(1))) })),
    speakers_expected: z.optional(z.nullable(int.check(z.positive()))),
    speech_threshold: z.optional(z.nullable(unit)),
    speech_understanding: z.optional(z.looseObject({
        request: z.looseObject({
          translation: z.optional(z.looseObject({ target_languages: z.array(z.string()), formal: z.optional(z.boolean()), match_original_utterance: z.optional(z.boolean()) })),
          speaker_identification: z.optional(speakerIdentification),
          custom_formatting: z.optional(z.looseObject({ date: z.optional(z.string()), phone_number: z.optional(z.string()), email: z.optional(z.string()) })),
        }),
      })),
    summarization: z.optional(z.boolean()),
    summary_model: z.optional(z.enum(["informative", "conversational", "catchy"])),
    summary_type: z.optional(z.enum(["bullets", "bullets_verbose", "gist", "headline", "paragraph"])),
    remove_audio_tags: z.optional(z.nullable(z.literal("all"))),
    temperature: z.optional(unit),
    webhook_url: z.optional(httpUrl),
    webhook_auth_header_name: z.optional(z.nullable(z.string().check(z.minLength(1)))),
    webhook_auth_header_value: z.optional(z.nullable(z.string().check(z.minLength(1)))),
    custom_topics: z.optional(z.boolean()),
    speech_model: z.optional(z.nullable(z.string().check(z.minLength(1)))),
    topics: z.optional(z.array(z.string())),
  }).check(z.superRefine((p, ctx) => {
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
  }));

/**
 * Parameters of {@link TranscriptsClient.create}: exactly the fields of openapi.yml `TranscriptParams`
 * (plus `domain`), so a misspelt field is a compile error.
 */
export type CreateTranscriptParams = z.input<typeof createTranscriptParamsSchema>;

/** Query of `GET /v2/transcript`. */
export const listTranscriptsParamsSchema = z.strictObject({
  limit: z.optional(z.int().check(z.gte(1), z.lte(200))),
  status: z.optional(z.enum(["queued", "processing", "completed", "error"])),
  created_on: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  before_id: z.optional(z.string().check(z.minLength(1))),
  after_id: z.optional(z.string().check(z.minLength(1))),
  throttled_only: z.optional(z.boolean()),
});
/** Filters of {@link TranscriptsClient.list}. */
export type ListTranscriptsParams = z.input<typeof listTranscriptsParamsSchema>;
