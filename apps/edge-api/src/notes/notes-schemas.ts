import { z } from "@hono/zod-openapi";
import { PII_POLICIES } from "@org/soap-core";
import type { SoapNote } from "@org/soap-core/engine";
import { soapNoteJsonSchema } from "@org/soap-core/schemas";

// Core's schemas are zod/mini, which zod-to-openapi cannot walk (it reads classic zod's metadata), so
// the stored note and its provenance are documented by core's own JSON Schema of SoapNote. Nothing is
// validated here: a note is checked against SoapNote when it is written and when it is read back.
type OpenApiMetadata = NonNullable<Parameters<ReturnType<typeof z.custom>["openapi"]>[1]>;
const { $schema: _dialect, ...soapNoteJson } = soapNoteJsonSchema;
const provenanceJson = (soapNoteJson["properties"] as Record<string, Record<string, unknown>>)["provenance"] ?? {};

function documentedOrNull<T>(json: Record<string, unknown>) {
  // The same document classic zod gave for `SoapNote.nullable()`: the object, with "null" added to its type.
  const metadata = { ...json, type: ["object", "null"] } as OpenApiMetadata;
  return z.custom<T | null>((v) => v === null || typeof v === "object").openapi(metadata);
}

/** A PII policy name of AssemblyAI's `PiiPolicy` enum. */
const piiPolicy = z.enum(PII_POLICIES);

/** Body of `POST /v1/notes`. */
export const createNoteBodySchema = z
  .strictObject({
    audio_url: z
      .url({ protocol: /^https?$/, error: "must be an absolute https URL" })
      .max(4096)
      .openapi({
        description:
          "Where AssemblyAI fetches the recording: https, no user name or password, a public host (no private, loopback or " +
          "link-local address, no internal name), and one of the tenant's allowed hosts when it has a list.",
        example: "https://example.com/visits/visit-01.mp3",
      })
      .optional(),
    upload_id: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({
        description:
          "Instead of `audio_url`: a completed upload of this tenant (`POST /v1/uploads`). AssemblyAI gets a signed, expiring URL of this API " +
          "for it. One upload makes one note.",
        example: "upl_7d7c6a1e-0a6b-4e2b-9a57-3f1c1b8f5f11",
      }),
    template: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "Template spec, e.g. `soap-structured@^2`. Default: the deployment's config.", example: "soap-structured@^2" }),
    experiment_key: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "Stable id (visit, patient…) that assigns the A/B variant. Ignored when `template` is set." }),
    redaction: z
      .union([
        z.boolean(),
        z.strictObject({
          policies: z.array(piiPolicy).min(1).max(50).optional(),
          substitution: z.enum(["hash", "entity_name"]).optional(),
        }),
      ])
      .optional()
      .openapi({ description: "PII redaction: `false` off, `true` the deployment's policies, or explicit policies." }),
    speakers_expected: z.number().int().min(1).max(10).optional(),
    medical: z.boolean().optional().openapi({ description: "Medical Mode (`domain: medical-v1`)." }),
  })
  .refine((b) => (b.audio_url === undefined) !== (b.upload_id === undefined), {
    error: "send exactly one of audio_url and upload_id",
    path: ["audio_url"],
  })
  .openapi("CreateNoteRequest");

/** The optional `Idempotency-Key` header of creating routes. */
export const idempotencyHeadersSchema = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, "must be 1 to 255 visible ASCII characters (no spaces), e.g. a UUID")
    .optional()
    .openapi({
      param: { name: "idempotency-key", in: "header" },
      description: "Names this request across retries for 24 hours: the same key with the same request gets the first answer again; with another request, 409.",
      example: "5f0c2a9e-8d41-4f4e-9a53-0d3f3c1b2a10",
    }),
});

/** The validated body of `POST /v1/notes`. */
export type CreateNoteBody = z.infer<typeof createNoteBodySchema>;

/** A create body once its audio is a URL (an `upload_id` resolved to the upload's signed URL). */
export type CreateNoteInput = CreateNoteBody & { audio_url: string };

/** Query of `GET /v1/notes/finished`. */
export const finishedNotesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ param: { name: "limit", in: "query" } }),
  after: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: "after", in: "query" }, description: "The `next_cursor` of the previous answer; omit to start from the first note that finished." }),
  since: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ param: { name: "since", in: "query" }, description: "Without `after`: start with notes that finished at or after this instant (epoch milliseconds)." }),
});

/** `GET /v1/notes/finished` answer. */
export const finishedNotesSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        status: z.enum(["completed", "failed"]),
        failure: z.object({ code: z.string(), reason: z.string() }).nullable(),
        finished_at: z.iso.datetime(),
      }),
    ),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: "Pass as `after` next time (also when `data` is empty: it may be the same cursor); null only when nothing has finished yet." }),
  })
  .openapi("FinishedNotes");

/** Statuses a note resource reports. */
export const noteStatusSchema = z
  .enum(["creating", "transcribing", "queued", "generating", "completed", "failed"])
  .openapi("NoteStatus");

/** `202` answer of `POST /v1/notes`. */
export const createdNoteSchema = z
  .object({ id: z.string(), status: noteStatusSchema, transcript_id: z.string().nullable() })
  .openapi("NoteCreated");

/** A note resource: the job's state and, once completed, the note with its provenance. */
export const noteResourceSchema = z
  .object({
    id: z.string(),
    status: noteStatusSchema,
    transcript_id: z.string().nullable(),
    template: z.string().openapi({ example: "soap-structured@2.0.0" }),
    experiment: z.string().nullable(),
    variant: z.string().nullable(),
    model: z.string(),
    attempts: z.number().int(),
    failure: z.object({ code: z.string(), reason: z.string() }).nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    note: documentedOrNull<SoapNote>(soapNoteJson),
    provenance: documentedOrNull<SoapNote["provenance"]>(provenanceJson),
  })
  .openapi("Note");

/** A note in a listing (without the note body). */
export const noteSummarySchema = noteResourceSchema.omit({ note: true, provenance: true }).openapi("NoteSummary");

/** `GET /v1/notes` answer. */
export const noteListSchema = z
  .object({
    data: z.array(noteSummarySchema),
    next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .openapi("NoteList");

/** Path parameter `{id}`. */
export const noteIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "7d7c6a1e-0a6b-4e2b-9a57-3f1c1b8f5f11" }),
});

/** Query of `GET /v1/notes/{id}`. */
export const getNoteQuerySchema = z.object({
  format: z
    .enum(["md", "json", "fhir"])
    .optional()
    .openapi({
      param: { name: "format", in: "query" },
      description: "Omit for the note resource; `md` for Markdown, `json` for the note JSON, `fhir` for a FHIR R4 Bundle.",
    }),
});

/** Query of `GET /v1/notes`. */
export const listNotesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ param: { name: "limit", in: "query" } }),
  cursor: z.string().min(1).max(200).optional().openapi({ param: { name: "cursor", in: "query" } }),
});

/** Path parameters of the regenerate route. */
export const sectionParamSchema = noteIdParamSchema.extend({
  section: z
    .enum(["subjective", "objective", "assessment", "plan"])
    .openapi({ param: { name: "section", in: "path" }, example: "plan" }),
});
