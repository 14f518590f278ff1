import * as z from "zod/mini";
import { safeParse } from "../internal/zod-parse.js";

/** What the client understood from an error body, whichever envelope it used. */
export interface ErrorBodyInfo {
  message: string | undefined;
  code: string | number | undefined;
  requestId: string | undefined;
}

const codeSchema = z.union([z.string(), z.number()]);
// Envelope 1 (v2 API) and 4 (gateway): {"error": "<message>", "status"?, "request_id"?}
const flatSchema = z.looseObject({ error: z.string(), request_id: z.optional(z.string()), status: z.optional(z.unknown()) });
// Envelope 2 (gateway, documented): {"error": {"code", "message", "metadata"}}
const nestedSchema = z.looseObject({
  error: z.looseObject({ message: z.optional(z.string()), code: z.optional(codeSchema) }),
  request_id: z.optional(z.string()),
});
// Envelope 3 (gateway, observed): {"message", "request_id", "metadata"}
const messageSchema = z.looseObject({ message: z.string(), request_id: z.optional(z.string()), code: z.optional(codeSchema) });

/**
 * Reads the message, code and request id out of any of the error envelopes AssemblyAI uses:
 * `{error: string}`, `{error: {code, message, metadata}}`, `{message, request_id, metadata}` and
 * `{error, status, request_id}`. Returns undefined fields for anything else.
 *
 * @example
 * ```ts
 * parseErrorBody({ error: { code: 400, message: "bad" } }); // { message: "bad", code: 400, requestId: undefined }
 * ```
 */
export function parseErrorBody(body: unknown): ErrorBodyInfo {
  const flat = safeParse(flatSchema, body);
  if (flat.success) {
    return { message: flat.data.error, code: undefined, requestId: flat.data.request_id };
  }
  const nested = safeParse(nestedSchema, body);
  if (nested.success) {
    return { message: nested.data.error.message, code: nested.data.error.code, requestId: nested.data.request_id };
  }
  const msg = safeParse(messageSchema, body);
  if (msg.success) {
    return { message: msg.data.message, code: msg.data.code, requestId: msg.data.request_id };
  }
  return { message: undefined, code: undefined, requestId: undefined };
}
