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

/**
 * Body of `POST /v2/transcript`. Speech model names are any non-empty strings (the accepted set
 * changes over time). Fields not listed here pass through unchecked.
 */
export const createTranscriptParamsSchema = z
  .looseObject({
    audio_url: httpUrl,
    speech_models: z.array(z.string().min(1)).min(1).optional(),
    language_code: z.string().min(1).nullable().optional(),
    language_detection: z.boolean().optional(),
    speaker_labels: z.boolean().optional(),
    speakers_expected: z.number().int().positive().nullable().optional(),
    multichannel: z.boolean().optional(),
    keyterms_prompt: z.array(z.string().min(1)).max(1000).optional(),
    prompt: z.string().optional(),
    domain: z.string().min(1).optional(),
    entity_detection: z.boolean().optional(),
    punctuate: z.boolean().optional(),
    format_text: z.boolean().optional(),
    redact_pii: z.boolean().optional(),
    redact_pii_policies: z.array(z.enum(PII_POLICIES)).optional(),
    redact_pii_sub: z.enum(["hash", "entity_name"]).nullable().optional(),
    redact_pii_audio: z.boolean().optional(),
    redact_pii_audio_quality: z.enum(["mp3", "wav"]).optional(),
    webhook_url: httpUrl.optional(),
    webhook_auth_header_name: z.string().min(1).nullable().optional(),
    webhook_auth_header_value: z.string().min(1).nullable().optional(),
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
  });

/** Parameters of {@link TranscriptsClient.create}. */
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
