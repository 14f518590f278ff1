import { SOAP_SECTIONS } from "@org/soap-prompts";
import * as z from "zod";

/**
 * The four SOAP sections, in note order (defined once, in `@org/soap-prompts`).
 * @example
 * ```ts
 * for (const s of SOAP_SECTIONS) console.log(note.sections[s].title);
 * ```
 */
export { SOAP_SECTIONS };

/** One of the four SOAP sections (same names as `@org/soap-prompts`' `SoapSection`). */
export type SoapSectionName = (typeof SOAP_SECTIONS)[number];

/**
 * Default human titles of the four sections.
 * @example
 * ```ts
 * SECTION_TITLES.plan; // "Plan"
 * ```
 */
export const SECTION_TITLES: Readonly<Record<SoapSectionName, string>> = {
  subjective: "Subjective",
  objective: "Objective",
  assessment: "Assessment",
  plan: "Plan",
};

/**
 * Codes of the warnings a note can carry: `missing_section` (no heading for it), `empty_section`,
 * `unsupported_quote` (not in the transcript), `fuzzy_quote` (near miss only), `redaction_marker`
 * (`####` / `[PERSON_NAME]` in prose), `no_evidence` (statement without a quote where one is
 * required), `parse_fallback` (no heading at all), `unassigned_text`, `section_failed` (its request
 * failed), `repair_retry` (a structured answer needed the repair retry), `roles_unavailable`
 * (clinician/patient roles are unknown or incomplete: the model named no usable labels, role
 * identification failed, or `transcript_id` mode hid the labels; quotes keep speaker labels), and the statement-vs-quote
 * agreement checks (checked without a model, against the statement's found quotes):
 * - `quote_number_mismatch`: a number with its unit (dose, vital, duration, age) differs from the
 *   quote's ("statement says 50 mg, its quote says 15 mg").
 * - `quote_laterality_mismatch`: the statement says left where its quote says right, or the reverse.
 * - `quote_negation_mismatch`: the quote denies a finding the statement asserts, or asserts one it denies.
 * - `quote_medication_missing`: the statement names a medication its quotes do not.
 * @example
 * ```ts
 * const serious = note.warnings.filter((w) => w.code === "unsupported_quote" || w.code === "redaction_marker");
 * ```
 */
export const NOTE_WARNING_CODES = [
  "missing_section",
  "empty_section",
  "unsupported_quote",
  "fuzzy_quote",
  "redaction_marker",
  "no_evidence",
  "parse_fallback",
  "unassigned_text",
  "section_failed",
  "repair_retry",
  "roles_unavailable",
  "quote_number_mismatch",
  "quote_laterality_mismatch",
  "quote_negation_mismatch",
  "quote_medication_missing",
] as const;

/** A warning code: see {@link NOTE_WARNING_CODES}. */
export type NoteWarningCode = (typeof NOTE_WARNING_CODES)[number];

const sectionNameSchema = z.enum(SOAP_SECTIONS);

/**
 * How a quote was found in the transcript: `exact` (same words, ignoring case and outer
 * punctuation), `normalized` (same tokens after normalising case, punctuation, contractions and
 * redaction markers), `fuzzy` (similarity at or above the threshold), `none`.
 * @example
 * ```ts
 * evidenceMatchSchema.options; // ["exact", "normalized", "fuzzy", "none"]
 * ```
 */
export const evidenceMatchSchema = z.enum(["exact", "normalized", "fuzzy", "none"]);

/**
 * zod schema of one piece of evidence (a quote) supporting a statement.
 * @example
 * ```ts
 * evidenceSchema.safeParse(value).success;
 * ```
 */
export const evidenceSchema = z.object({
  quote: z.string(),
  /** Speaker label (e.g. "A", or "doctor" for plain-text dialogues); unknown until checked. */
  speaker: z.string().optional(),
  /** "clinician" | "patient" | any other role string, when known. */
  role: z.string().optional(),
  start_ms: z.number().int().nonnegative().optional(),
  end_ms: z.number().int().nonnegative().optional(),
  found: z.boolean(),
  match: evidenceMatchSchema,
  /** Token-level similarity in [0, 1] of the best transcript window (1 for exact/normalised). */
  similarity: z.number().min(0).max(1).optional(),
});

/**
 * zod schema of one warning on a note or a statement.
 * @example
 * ```ts
 * noteWarningSchema.safeParse(value).success;
 * ```
 */
export const noteWarningSchema = z.object({
  code: z.enum(NOTE_WARNING_CODES),
  section: sectionNameSchema.optional(),
  statement_id: z.string().optional(),
  message: z.string(),
});

/**
 * zod schema of one statement of a section.
 * @example
 * ```ts
 * statementSchema.safeParse(value).success;
 * ```
 */
export const statementSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  evidence: z.array(evidenceSchema),
  warnings: z.array(noteWarningSchema).optional(),
});

/**
 * zod schema of one section.
 * @example
 * ```ts
 * noteSectionSchema.safeParse(value).success;
 * ```
 */
export const noteSectionSchema = z.object({
  title: z.string(),
  text: z.string(),
  statements: z.array(statementSchema),
});

const templateRefSchema = z.object({
  /** `id@version`, e.g. `soap-complete@1`. */
  ref: z.string().regex(/^[^@\s]+@[^@\s]+$/, "expected id@version"),
  hash: z.string(),
});

/**
 * zod schema of token usage (normalised gateway usage).
 * @example
 * ```ts
 * noteUsageSchema.parse({ input_tokens: 10, output_tokens: 5, total_tokens: 15 });
 * ```
 */
export const noteUsageSchema = z.object({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
});

/**
 * zod schema of one entry of `provenance.history`: a section that was regenerated.
 * @example
 * ```ts
 * note.provenance.history?.map((h) => `${h.section}: ${h.previous.template.ref} -> ${h.template.ref}`);
 * ```
 */
export const sectionHistorySchema = z.object({
  section: sectionNameSchema,
  regenerated_at: z.iso.datetime({ offset: true }),
  /** The template and model that produced the section now in the note. */
  template: templateRefSchema,
  model: z.string(),
  usage: noteUsageSchema.optional(),
  /** What produced the section before it was regenerated. */
  previous: z.object({
    template: templateRefSchema,
    model: z.string(),
    created_at: z.iso.datetime({ offset: true }),
  }),
});

/**
 * zod schema of what redaction a note's transcript went through: `applied` is true when AssemblyAI
 * redacted the transcript, or (`method: "local-scrubber"`) when the local scrubber removed the
 * structured identifiers of `policies` from a text dialogue before it was sent (names are never
 * scrubbed locally). `statement` is what the user stated about a text dialogue: `deidentified` (it is
 * already de-identified) or `no_redact` (send it as it is); `found` counts what the scrubber removed.
 */
export const redactionRecordSchema = z.object({
  applied: z.boolean(),
  policies: z.array(z.string()).optional(),
  substitution: z.enum(["hash", "entity_name"]).optional(),
  method: z.enum(["assemblyai", "local-scrubber"]).optional(),
  statement: z.enum(["deidentified", "no_redact"]).optional(),
  found: z.record(z.string(), z.number().int().nonnegative()).optional(),
});

/**
 * zod schema of a note's provenance: template `id@version` and hash, mode, experiment/variant,
 * model, transcript id and source, the visit id, how the gateway got the transcript (`transcript_mode`), the
 * redaction applied, whether the local sandbox made it (`environment`), creation time, summed token
 * usage, wall-clock latency, request count, and the history of regenerated sections. Together these
 * are the note's plan: regenerating a section reuses them.
 * @example
 * ```ts
 * provenanceSchema.parse(note.provenance);
 * ```
 */
export const provenanceSchema = z.object({
  template: templateRefSchema,
  mode: z.enum(["complete", "sectioned", "structured", "text"]).optional(),
  experiment: z.string().optional(),
  variant: z.string().optional(),
  model: z.string(),
  transcript_id: z.string().optional(),
  /**
   * Content hash of the transcript the note was written from (`sha256:…`, see `transcriptHash`):
   * regenerating a section refuses any other transcript. Absent on notes written before 0.3.
   */
  transcript_hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, "must be sha256:<64 hex digits>").optional(),
  /** The visit's id (the key it was planned under: the CLI's manifest id, the edge API's job id). */
  visit_id: z.string().min(1).optional(),
  transcript_source: z.enum(["assemblyai", "text"]),
  /** How the gateway got the transcript: speaker-labelled lines in the prompt, or `{{ transcript }}` by id. */
  transcript_mode: z.enum(["inline", "transcript_id"]).optional(),
  redaction: redactionRecordSchema.optional(),
  /** `sandbox` when the local emulator wrote it: a demonstration, not a clinical note. */
  environment: z.enum(["assemblyai", "sandbox"]).optional(),
  created_at: z.iso.datetime({ offset: true }),
  usage: noteUsageSchema,
  latency_ms: z.number().nonnegative(),
  requests: z.number().int().nonnegative(),
  history: z.array(sectionHistorySchema).optional(),
});

/**
 * zod schema of a SOAP note: four sections of statements with their evidence, provenance, warnings,
 * and any text of the model's answer that belonged to no section (`unassigned`).
 *
 * @example
 * ```ts
 * import { SoapNote } from "@org/soap-core";
 * const note = SoapNote.parse(JSON.parse(stored)); // throws a ZodError when it does not fit
 * ```
 */
export const SoapNote = z.object({
  sections: z.object({
    subjective: noteSectionSchema,
    objective: noteSectionSchema,
    assessment: noteSectionSchema,
    plan: noteSectionSchema,
  }),
  /** Text before the first section heading, and blocks under unknown top-level headings. */
  unassigned: z.array(z.object({ heading: z.string().optional(), text: z.string() })).optional(),
  provenance: provenanceSchema,
  warnings: z.array(noteWarningSchema),
});

/** A SOAP note (the output type of {@link SoapNote}). */
export type SoapNote = z.infer<typeof SoapNote>;
/** One section of a {@link SoapNote}. */
export type NoteSection = z.infer<typeof noteSectionSchema>;
/** One statement of a section. */
export type Statement = z.infer<typeof statementSchema>;
/** One quote supporting a statement. */
export type Evidence = z.infer<typeof evidenceSchema>;
/** How a quote was matched. */
export type EvidenceMatch = z.infer<typeof evidenceMatchSchema>;
/** A warning on a note or statement. */
export type NoteWarning = z.infer<typeof noteWarningSchema>;
/** What redaction a note's transcript went through. */
export type RedactionRecord = z.infer<typeof redactionRecordSchema>;
/** Provenance of a note. */
export type Provenance = z.infer<typeof provenanceSchema>;
/** Normalised token usage. */
export type Usage = z.infer<typeof noteUsageSchema>;
/** One regenerated-section record. */
export type SectionHistory = z.infer<typeof sectionHistorySchema>;
