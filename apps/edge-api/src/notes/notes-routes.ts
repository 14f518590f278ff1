import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.js";
import { BEARER_SCHEME } from "../http/router.js";
import { deletingNoteSchema } from "./delete-note.js";
import {
  createdNoteSchema,
  createNoteBodySchema,
  finishedNotesQuerySchema,
  finishedNotesSchema,
  idempotencyHeadersSchema,
  getNoteQuerySchema,
  listNotesQuerySchema,
  noteIdParamSchema,
  noteListSchema,
  noteResourceSchema,
  sectionParamSchema,
} from "./notes-schemas.js";

const security = [{ [BEARER_SCHEME]: [] }];
const tags = ["Notes"];

/** `POST /v1/notes` */
export const createNoteRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  security,
  summary: "Start a note from a visit's audio URL",
  description:
    "Records the job, creates the AssemblyAI transcript with a webhook back to this API and answers at once. " +
    "Poll `GET /v1/notes/{id}` until `status` is `completed` or `failed`. Send an `Idempotency-Key` so that a " +
    "retry (after a timeout or a 502) gets the first answer again instead of a second, billed transcript. " +
    "Counts against the tenant's per-minute and daily creating limits and its cap of notes in flight.",
  request: { headers: idempotencyHeadersSchema, body: { required: true, content: { "application/json": { schema: createNoteBodySchema } } } },
  responses: {
    202: { description: "Accepted; the note is being made (`Idempotent-Replayed: true` when this repeats the key's first answer).", content: { "application/json": { schema: createdNoteSchema } } },
    ...errorResponses(400, 401, 403, 409, 413, 415, 429, 500, 502),
  },
});

/** `GET /v1/notes` */
export const listNotesRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  security,
  summary: "List this tenant's notes, newest first",
  request: { query: listNotesQuerySchema },
  responses: {
    200: { description: "One page of notes.", content: { "application/json": { schema: noteListSchema } } },
    ...errorResponses(400, 401, 429, 500),
  },
});

/** `GET /v1/notes/finished` */
export const finishedNotesRoute = createRoute({
  method: "get",
  path: "/finished",
  tags,
  security,
  summary: "This tenant's notes in the order they finished (completed or failed), after a cursor",
  description:
    "For clients that wait on many notes: one request tells which of them finished since the last one, instead of one poll per note. " +
    "Keep the `next_cursor` and pass it as `after`. A note appears about two seconds after it finished.",
  request: { query: finishedNotesQuerySchema },
  responses: {
    200: { description: "The notes that finished after the cursor, oldest first.", content: { "application/json": { schema: finishedNotesSchema } } },
    ...errorResponses(400, 401, 429, 500),
  },
});

/** `GET /v1/notes/{id}` */
export const getNoteRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  security,
  summary: "Get a note (status, note, provenance), or the note as Markdown, JSON or FHIR",
  request: { params: noteIdParamSchema, query: getNoteQuerySchema },
  responses: {
    200: {
      description: "The note resource; with `format`, the rendered note.",
      content: {
        "application/json": { schema: noteResourceSchema },
        "text/markdown": { schema: { type: "string" } },
        "application/fhir+json": { schema: { type: "object", description: "FHIR R4 Bundle" } },
      },
    },
    ...errorResponses(400, 401, 404, 409, 429, 500),
  },
});

/** `POST /v1/notes/{id}/sections/{section}/regenerate` */
export const regenerateSectionRoute = createRoute({
  method: "post",
  path: "/{id}/sections/{section}/regenerate",
  tags,
  security,
  summary: "Regenerate one section of a completed note",
  description:
    "One paid gateway call: counts against the tenant's per-minute and daily creating limits. With an `Idempotency-Key`, " +
    "a retry of a regeneration that succeeded answers with the note as it is now (`Idempotent-Replayed: true`) instead of regenerating again.",
  request: { params: sectionParamSchema, headers: idempotencyHeadersSchema },
  responses: {
    200: { description: "The note with the section regenerated.", content: { "application/json": { schema: noteResourceSchema } } },
    ...errorResponses(400, 401, 404, 409, 429, 500, 502),
  },
});

/** `DELETE /v1/notes/{id}` */
export const deleteNoteRoute = createRoute({
  method: "delete",
  path: "/{id}",
  tags,
  security,
  summary: "Delete a note and its transcript at AssemblyAI",
  description:
    "The note is deleted here at once (it answers 404 from now on and is never generated, even mid-transcription). " +
    "Its transcript is deleted at AssemblyAI in the same request when AssemblyAI allows it (`204`); while the transcript " +
    "is still being made (AssemblyAI refuses to delete it then) or AssemblyAI fails, the answer is `202` with `status: \"deleting\"` " +
    "and the transcript is deleted by its webhook or the sweeper (every 5 minutes) as soon as it can be.",
  request: { params: noteIdParamSchema },
  responses: {
    202: { description: "Deleted here; the transcript is still to be deleted at AssemblyAI.", content: { "application/json": { schema: deletingNoteSchema } } },
    204: { description: "Deleted, here and at AssemblyAI." },
    ...errorResponses(401, 404, 429, 500),
  },
});
