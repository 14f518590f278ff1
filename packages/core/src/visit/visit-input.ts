import * as z from "zod/mini";
import { transcriptSchema, type Transcript } from "../clients/transcripts/transcript-schemas.js";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { toIssues } from "../http/validate.js";
import { safeParse } from "../internal/zod-parse.js";

/**
 * What {@link runVisit} starts from.
 *
 * - `audio`: uploaded (`POST /v2/upload`), then transcribed.
 * - `audio_url`: transcribed from a URL AssemblyAI can fetch (or an earlier `upload_url`).
 * - `transcript_id`: resume an existing transcript (e.g. after a webhook); never creates one.
 * - `transcript_text`: a plain-text dialogue (`[doctor] …` / `Speaker A: …` lines); no AssemblyAI call.
 * - `transcript_json`: an AssemblyAI transcript object (validated; must be `completed`).
 */
export type VisitInput =
  | { kind: "audio"; body: ReadableStream<Uint8Array> | Blob | Uint8Array; name?: string }
  | { kind: "audio_url"; url: string }
  | { kind: "transcript_id"; transcriptId: string }
  | { kind: "transcript_text"; text: string }
  | { kind: "transcript_json"; transcript: Transcript };

function isAudioBody(v: unknown): v is ReadableStream<Uint8Array> | Blob | Uint8Array {
  return (
    v instanceof Uint8Array ||
    (typeof Blob !== "undefined" && v instanceof Blob) ||
    (typeof ReadableStream !== "undefined" && v instanceof ReadableStream)
  );
}

/** zod schema of {@link VisitInput}. Issues name paths only, never transcript text. */
export const visitInputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("audio"),
    body: z.custom<ReadableStream<Uint8Array> | Blob | Uint8Array>(isAudioBody, "expected a ReadableStream, Blob or Uint8Array"),
    name: z.optional(z.string()),
  }),
  z.object({ kind: z.literal("audio_url"), url: z.url({ protocol: /^https?$/, error: "expected an http(s) URL" }) }),
  z.object({ kind: z.literal("transcript_id"), transcriptId: z.string().check(z.trim(), z.minLength(1, "a transcript id is required")) }),
  z.object({ kind: z.literal("transcript_text"), text: z.string().check(z.refine((t) => t.trim().length > 0, "the transcript text is empty")) }),
  z.object({ kind: z.literal("transcript_json"), transcript: transcriptSchema }),
]);

/**
 * Validates a visit input, or throws {@link RequestValidationError} listing the offending paths
 * (never their values). A `transcript_json` input keeps its unknown fields.
 *
 * @example
 * ```ts
 * const input = parseVisitInput({ kind: "audio_url", url: "https://example.org/visit.mp3" });
 * ```
 */
export function parseVisitInput(raw: unknown): VisitInput {
  const parsed = safeParse(visitInputSchema, raw);
  if (parsed.success) return parsed.data as VisitInput;
  const issues = toIssues(parsed.error);
  const where = issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("; ");
  throw new RequestValidationError(`Invalid visit input: ${where}`, { issues, cause: parsed.error });
}
