import * as z from "zod/mini";
import { NOTE_WARNING_CODES, SECTION_TITLES, SOAP_SECTIONS, type NoteWarningCode, type SoapSectionName } from "./note-constants.js";
import { isoDateTimeWithOffset } from "../internal/iso-datetime.js";

export { SOAP_SECTIONS, SECTION_TITLES, NOTE_WARNING_CODES };
export type { SoapSectionName, NoteWarningCode };

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
  speaker: z.optional(z.string()),
  /** "clinician" | "patient" | any other role string, when known. */
  role: z.optional(z.string()),
  start_ms: z.optional(z.int().check(z.nonnegative())),
  end_ms: z.optional(z.int().check(z.nonnegative())),
  found: z.boolean(),
  match: evidenceMatchSchema,
  /** Token-level similarity in [0, 1] of the best transcript window (1 for exact/normalised). */
  similarity: z.optional(z.number().check(z.gte(0), z.lte(1))),
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
  section: z.optional(sectionNameSchema),
  statement_id: z.optional(z.string()),
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
  id: z.string().check(z.minLength(1)),
  text: z.string(),
  evidence: z.array(evidenceSchema),
  warnings: z.optional(z.array(noteWarningSchema)),
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
  ref: z.string().check(z.regex(/^[^@\s]+@[^@\s]+$/, "expected id@version")),
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
  input_tokens: z.int().check(z.nonnegative()),
  output_tokens: z.int().check(z.nonnegative()),
  total_tokens: z.int().check(z.nonnegative()),
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
  regenerated_at: isoDateTimeWithOffset(),
  /** The template and model that produced the section now in the note. */
  template: templateRefSchema,
  model: z.string(),
  usage: z.optional(noteUsageSchema),
  /** What produced the section before it was regenerated. */
  previous: z.object({
    template: templateRefSchema,
    model: z.string(),
    created_at: isoDateTimeWithOffset(),
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
  policies: z.optional(z.array(z.string())),
  substitution: z.optional(z.enum(["hash", "entity_name"])),
  method: z.optional(z.enum(["assemblyai", "local-scrubber"])),
  statement: z.optional(z.enum(["deidentified", "no_redact"])),
  found: z.optional(z.record(z.string(), z.int().check(z.nonnegative()))),
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
  mode: z.optional(z.enum(["complete", "sectioned", "structured", "text"])),
  experiment: z.optional(z.string()),
  variant: z.optional(z.string()),
  model: z.string(),
  transcript_id: z.optional(z.string()),
  /**
   * Content hash of the transcript the note was written from (`sha256:…`, see `transcriptHash`):
   * regenerating a section refuses any other transcript. Absent on notes written before 0.3.
   */
  transcript_hash: z.optional(z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/, "must be sha256:<64 hex digits>"))),
  /** The visit's id (the key it was planned under: the CLI's manifest id, the edge API's job id). */
  visit_id: z.optional(z.string().check(z.minLength(1))),
  transcript_source: z.enum(["assemblyai", "text"]),
  /** How the gateway got the transcript: speaker-labelled lines in the prompt, or `{{ transcript }}` by id. */
  transcript_mode: z.optional(z.enum(["inline", "transcript_id"])),
  redaction: z.optional(redactionRecordSchema),
  /** `sandbox` when the local emulator wrote it: a demonstration, not a clinical note. */
  environment: z.optional(z.enum(["assemblyai", "sandbox"])),
  created_at: isoDateTimeWithOffset(),
  usage: noteUsageSchema,
  latency_ms: z.number().check(z.nonnegative()),
  requests: z.int().check(z.nonnegative()),
  history: z.optional(z.array(sectionHistorySchema)),
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
  unassigned: z.optional(z.array(z.object({ heading: z.optional(z.string()), text: z.string() }))),
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
