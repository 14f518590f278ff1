import * as z from "zod/mini";
import { deepFreeze } from "./deep-freeze.js";

/** One exact transcript quote and the label of the speaker who said it. */
export const structuredEvidenceSchema = z.strictObject({
  quote: z.string(),
  speaker: z.string(),
});

/** One clinical statement and the quotes that support it. */
export const structuredStatementSchema = z.strictObject({
  text: z.string(),
  evidence: z.array(structuredEvidenceSchema),
});

/** The answer to a one-section structured request: `{ "statements": [...] }`. */
export const structuredSectionSchema = z.strictObject({
  statements: z.array(structuredStatementSchema),
});

/** The answer to a whole-note structured request (`soap-structured@2`). */
export const structuredAnswerSchema = z.strictObject({
  subjective: structuredSectionSchema,
  objective: structuredSectionSchema,
  assessment: structuredSectionSchema,
  plan: structuredSectionSchema,
});

/**
 * Which speaker label is the clinician and which the patient, as the model names them in a
 * `soap-structured@3` answer (`"unknown"` when it cannot tell). Labels are the model's claim: check
 * them against the transcript's own labels before use.
 */
export const speakerRolesAnswerSchema = z.strictObject({
  clinician: z.string(),
  patient: z.string(),
});

/** The answer to a whole-note structured request that asks for roles (`soap-structured@3`, inline text). */
export const structuredAnswerWithRolesSchema = z.extend(structuredAnswerSchema, { speaker_roles: speakerRolesAnswerSchema });

/** The answer to a one-section structured request that asks for roles: `{ "speaker_roles": {...}, "statements": [...] }`. */
export const structuredSectionWithRolesSchema = z.extend(structuredSectionSchema, { speaker_roles: speakerRolesAnswerSchema });

/** A quote with its speaker label. */
export type StructuredEvidence = z.infer<typeof structuredEvidenceSchema>;
/** A statement with its evidence. */
export type StructuredStatement = z.infer<typeof structuredStatementSchema>;
/** One section's statements. */
export type StructuredSection = z.infer<typeof structuredSectionSchema>;
/** A whole structured note. */
export type StructuredAnswer = z.infer<typeof structuredAnswerSchema>;
/** The roles a model named: `{ clinician: "A", patient: "B" }`. */
export type SpeakerRolesAnswer = z.infer<typeof speakerRolesAnswerSchema>;

// Written by hand rather than generated, so that the schema sent to the model (and so the template
// hash) does not change with the zod version. A test checks it agrees with the zod schemas.
// Strict structured outputs need every property required and additionalProperties false.
const evidenceJson = {
  type: "object",
  properties: {
    quote: { type: "string", description: "Words copied exactly, verbatim, from one speaker's turn in the transcript." },
    speaker: { type: "string", description: "The label of the speaker who said the quote, as the transcript shows it." },
  },
  required: ["quote", "speaker"],
  additionalProperties: false,
} as const;

const sectionJson = {
  type: "object",
  properties: {
    statements: {
      type: "array",
      items: {
        type: "object",
        properties: {
          text: { type: "string", description: "One clinical statement, in plain words." },
          evidence: { type: "array", items: evidenceJson, description: "The exact transcript quotes that support the statement." },
        },
        required: ["text", "evidence"],
        additionalProperties: false,
      },
    },
  },
  required: ["statements"],
  additionalProperties: false,
} as const;

/** JSON Schema (draft 2020-12 compatible) of {@link structuredSectionSchema}. */
export const structuredSectionJsonSchema = deepFreeze(structuredClone(sectionJson));

/** JSON Schema (draft 2020-12 compatible) of {@link structuredAnswerSchema}. */
export const structuredAnswerJsonSchema = deepFreeze({
  type: "object",
  properties: {
    subjective: structuredClone(sectionJson),
    objective: structuredClone(sectionJson),
    assessment: structuredClone(sectionJson),
    plan: structuredClone(sectionJson),
  },
  required: ["subjective", "objective", "assessment", "plan"],
  additionalProperties: false,
});

const rolesJson = {
  type: "object",
  properties: {
    clinician: { type: "string", description: 'The label of the speaker who is the clinician, exactly as the transcript shows it, or "unknown".' },
    patient: { type: "string", description: 'The label of the speaker who is the patient, exactly as the transcript shows it, or "unknown".' },
  },
  required: ["clinician", "patient"],
  additionalProperties: false,
} as const;

/** JSON Schema of {@link structuredSectionWithRolesSchema}: `speaker_roles` first, then the statements. */
export const structuredSectionWithRolesJsonSchema = deepFreeze({
  type: "object",
  properties: { speaker_roles: structuredClone(rolesJson), statements: structuredClone(sectionJson.properties.statements) },
  required: ["speaker_roles", "statements"],
  additionalProperties: false,
});

/** JSON Schema of {@link structuredAnswerWithRolesSchema}: `speaker_roles` first, then the four sections. */
export const structuredAnswerWithRolesJsonSchema = deepFreeze({
  type: "object",
  properties: {
    speaker_roles: structuredClone(rolesJson),
    subjective: structuredClone(sectionJson),
    objective: structuredClone(sectionJson),
    assessment: structuredClone(sectionJson),
    plan: structuredClone(sectionJson),
  },
  required: ["speaker_roles", "subjective", "objective", "assessment", "plan"],
  additionalProperties: false,
});
