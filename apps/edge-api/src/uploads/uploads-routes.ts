import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.js";
import { BEARER_SCHEME } from "../http/router.js";
import { MAX_UPLOAD_BYTES, UPLOAD_PART_BYTES } from "./upload-limits.js";

const security = [{ [BEARER_SCHEME]: [] }];
const tags = ["Uploads"];

/** Audio content types an upload may declare. */
const AUDIO_TYPE = /^(audio|video)\/[A-Za-z0-9.+-]{1,60}$|^application\/octet-stream$/;

/** Body of `POST /v1/uploads`. */
export const createUploadBodySchema = z
  .strictObject({
    size: z.number().int().min(1).max(MAX_UPLOAD_BYTES).openapi({ description: `Bytes of the recording (at most ${MAX_UPLOAD_BYTES}).`, example: 2_345_678 }),
    content_type: z
      .string()
      .regex(AUDIO_TYPE, "must be an audio/* or video/* type, or application/octet-stream")
      .optional()
      .openapi({ example: "audio/mpeg" }),
    file_name: z
      .string()
      .max(255)
      .optional()
      .openapi({ description: "Kept (letters, digits, `.`, `_`, `-`) as the last segment of the URL AssemblyAI fetches. Never put PHI in it." }),
  })
  .openapi("CreateUploadRequest");

/** An upload as the API describes it. */
export const uploadSchema = z
  .object({
    id: z.string(),
    status: z.enum(["uploading", "complete"]),
    size: z.number().int(),
    part_size: z.number().int().openapi({ description: "Every part but the last has exactly this many bytes.", example: UPLOAD_PART_BYTES }),
    parts: z.number().int().openapi({ description: "How many parts to PUT (1 for recordings up to `part_size`)." }),
    received_parts: z.array(z.number().int()).openapi({ description: "Part numbers received so far (empty once complete)." }),
    expires_at: z.iso.datetime().openapi({ description: "When the upload and its audio are deleted, whatever happened to them." }),
  })
  .openapi("Upload");

/** `{ id }` of an upload. */
export const uploadIdParamSchema = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: "id", in: "path" } }),
});

/** `{ id, part }` of an upload part. */
export const uploadPartParamSchema = uploadIdParamSchema.extend({
  part: z.coerce.number().int().min(1).max(10_000).openapi({ param: { name: "part", in: "path" } }),
});

/** `POST /v1/uploads` */
export const createUploadRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  security,
  summary: "Start uploading a recording (R2 multipart)",
  description:
    "For local audio: declare its size, PUT each part to `/v1/uploads/{id}/parts/{n}`, complete it, then create the note with " +
    "`upload_id`. The API hands AssemblyAI a signed GET URL of its own that expires; the audio is deleted once AssemblyAI has " +
    "fetched it, and at the latest 24 hours after the upload started.",
  request: { body: { required: true, content: { "application/json": { schema: createUploadBodySchema } } } },
  responses: {
    201: { description: "Created.", content: { "application/json": { schema: uploadSchema } } },
    ...errorResponses(400, 401, 413, 415, 429, 500),
  },
});

/** `PUT /v1/uploads/{id}/parts/{part}` */
export const putUploadPartRoute = createRoute({
  method: "put",
  path: "/{id}/parts/{part}",
  tags,
  security,
  summary: "Upload one part (raw bytes; sending a part again replaces it)",
  request: {
    params: uploadPartParamSchema,
    body: { required: true, content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
  },
  responses: {
    200: { description: "Stored.", content: { "application/json": { schema: z.object({ part: z.number().int(), size: z.number().int() }) } } },
    ...errorResponses(400, 401, 404, 409, 413, 429, 500),
  },
});

/** `POST /v1/uploads/{id}/complete` */
export const completeUploadRoute = createRoute({
  method: "post",
  path: "/{id}/complete",
  tags,
  security,
  summary: "Finish an upload once every part is in (repeating it is harmless)",
  request: { params: uploadIdParamSchema },
  responses: {
    200: { description: "Complete: create the note with `upload_id`.", content: { "application/json": { schema: uploadSchema } } },
    ...errorResponses(401, 404, 409, 429, 500),
  },
});

/** `GET /v1/uploads/{id}` */
export const getUploadRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  security,
  summary: "An upload's state (which parts are in), to resume it",
  request: { params: uploadIdParamSchema },
  responses: {
    200: { description: "The upload.", content: { "application/json": { schema: uploadSchema } } },
    ...errorResponses(401, 404, 429, 500),
  },
});
