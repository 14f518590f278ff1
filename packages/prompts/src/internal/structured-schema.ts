import * as z from "zod/mini";

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
export const speakerRolesAnswerSchema = /* @__PURE__ */ z.strictObject({
  clinician: /* @__PURE__ */ z.string(),
  patient: /* @__PURE__ */ z.string(),
});

/** The answer to a whole-note structured request that asks for roles (`soap-structured@3`, inline text). */
// Written out rather than z.extend (the same closed objects; the schema test holds them to their JSON
// Schemas) and marked pure, so a bundle that does not use them drops them and zod's extend helper.
export const structuredAnswerWithRolesSchema = /* @__PURE__ */ z.strictObject({
  subjective: structuredSectionSchema,
  objective: structuredSectionSchema,
  assessment: structuredSectionSchema,
  plan: structuredSectionSchema,
  speaker_roles: speakerRolesAnswerSchema,
});

/** The answer to a one-section structured request that asks for roles: `{ "speaker_roles": {...}, "statements": [...] }`. */
export const structuredSectionWithRolesSchema = /* @__PURE__ */ z.strictObject({
  statements: /* @__PURE__ */ z.array(structuredStatementSchema),
  speaker_roles: speakerRolesAnswerSchema,
});

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

export {
  structuredAnswerJsonSchema,
  structuredAnswerWithRolesJsonSchema,
  structuredSectionJsonSchema,
  structuredSectionWithRolesJsonSchema,
} from "./structured-json-schema.js";
