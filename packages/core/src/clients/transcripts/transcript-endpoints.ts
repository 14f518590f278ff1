import * as z from "zod/mini";
import { RequestValidationError } from "../../errors/response-validation-error.js";
import type { RequestOptions } from "../../http/client-options.js";
import type { SendOptions } from "../../http/http-client.js";
import {
  paragraphsResponseSchema,
  redactedAudioResponseSchema,
  sentencesResponseSchema,
  transcriptSchema,
  wordSearchResponseSchema,
  type ParagraphsResponse,
  type RedactedAudioResponse,
  type SentencesResponse,
  type Transcript,
  type WordSearchResponse,
} from "./transcript-schemas.js";
import { safeParse } from "../../internal/zod-parse.js";

/** Subtitle formats of `GET /v2/transcript/{id}/{format}`. */
export type SubtitleFormat = "srt" | "vtt";

const idSchema = z.string().check(z.trim(), z.minLength(1));
const wordsSchema = z.array(idSchema).check(z.minLength(1));

/** `/v2/transcript/{id}{suffix}` with the id checked and escaped. */
export function transcriptPath(id: string, suffix = ""): string {
  const parsed = safeParse(idSchema, id);
  if (!parsed.success) {
    throw new RequestValidationError("Invalid transcript id: a non-empty string is required.", {
      issues: [{ path: ["id"], message: "a non-empty string is required" }],
    });
  }
  return `/v2/transcript/${encodeURIComponent(parsed.data)}${suffix}`;
}

function read<T>(base: string, path: string, operation: string, schema: z.core.$ZodType<T>, o?: RequestOptions): SendOptions<T> {
  return { method: "GET", url: `${base}${path}`, operation, schema, mode: "idempotent", request: o };
}

/** Request descriptions of the read and delete endpoints of one transcript. */
export const transcriptEndpoints = {
  get: (base: string, id: string, o?: RequestOptions): SendOptions<Transcript> =>
    read(base, transcriptPath(id), "GET /v2/transcript/{id}", transcriptSchema, o),
  delete: (base: string, id: string, o?: RequestOptions): SendOptions<Transcript> => ({
    ...read(base, transcriptPath(id), "DELETE /v2/transcript/{id}", transcriptSchema, o),
    method: "DELETE",
  }),
  sentences: (base: string, id: string, o?: RequestOptions): SendOptions<SentencesResponse> =>
    read(base, transcriptPath(id, "/sentences"), "GET /v2/transcript/{id}/sentences", sentencesResponseSchema, o),
  paragraphs: (base: string, id: string, o?: RequestOptions): SendOptions<ParagraphsResponse> =>
    read(base, transcriptPath(id, "/paragraphs"), "GET /v2/transcript/{id}/paragraphs", paragraphsResponseSchema, o),
  redactedAudio: (base: string, id: string, o?: RequestOptions): SendOptions<RedactedAudioResponse> =>
    read(base, transcriptPath(id, "/redacted-audio"), "GET /v2/transcript/{id}/redacted-audio", redactedAudioResponseSchema, o),
  wordSearch: (base: string, id: string, words: readonly string[], o?: RequestOptions): SendOptions<WordSearchResponse> => {
    const parsed = safeParse(wordsSchema, words);
    if (!parsed.success) {
      throw new RequestValidationError("Invalid word search: give at least one non-empty word or phrase.", {
        issues: [{ path: ["words"], message: "at least one non-empty word or phrase" }],
      });
    }
    const qs = new URLSearchParams({ words: parsed.data.join(",") }).toString();
    return read(base, `${transcriptPath(id, "/word-search")}?${qs}`, "GET /v2/transcript/{id}/word-search", wordSearchResponseSchema, o);
  },
  subtitles: (base: string, id: string, format: SubtitleFormat, charsPerCaption?: number, o?: RequestOptions): SendOptions<string> => {
    if (format !== "srt" && format !== "vtt") {
      throw new RequestValidationError('Invalid subtitle format: "srt" or "vtt".', { issues: [{ path: ["format"], message: '"srt" or "vtt"' }] });
    }
    const qs = charsPerCaption === undefined ? "" : `?${new URLSearchParams({ chars_per_caption: String(Math.floor(charsPerCaption)) }).toString()}`;
    return { ...read(base, `${transcriptPath(id, `/${format}`)}${qs}`, `GET /v2/transcript/{id}/${format}`, z.string(), o), responseType: "text" };
  },
};
