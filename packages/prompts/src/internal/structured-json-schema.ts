import { deepFreeze } from "./deep-freeze.js";

// The JSON Schemas sent to the model, apart from the zod schemas that check its answers: code that
// checks answers (core's engine) bundles no JSON Schema, and a template bundles no validator.
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

/** JSON Schema (draft 2020-12 compatible) of `structuredSectionSchema`. */
export const structuredSectionJsonSchema = deepFreeze(structuredClone(sectionJson));

/** JSON Schema (draft 2020-12 compatible) of `structuredAnswerSchema`. */
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

/** JSON Schema of `structuredSectionWithRolesSchema`: `speaker_roles` first, then the statements. */
export const structuredSectionWithRolesJsonSchema = deepFreeze({
  type: "object",
  properties: { speaker_roles: structuredClone(rolesJson), statements: structuredClone(sectionJson.properties.statements) },
  required: ["speaker_roles", "statements"],
  additionalProperties: false,
});

/** JSON Schema of `structuredAnswerWithRolesSchema`: `speaker_roles` first, then the four sections. */
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
