import * as z from "zod/mini";

/** Transcript lifecycle states. */
export const transcriptStatusSchema = z.enum(["queued", "processing", "completed", "error"]);
/** `queued` | `processing` | `completed` | `error`. */
export type TranscriptStatus = z.infer<typeof transcriptStatusSchema>;

/** One word with timings in ms. Unknown fields pass through. */
export const transcriptWordSchema = z.looseObject({
  text: z.string(),
  start: z.number(),
  end: z.number(),
  confidence: z.number(),
  speaker: z.nullish(z.string()),
  channel: z.nullish(z.string()),
});
/** A word of a transcript. */
export type TranscriptWord = z.infer<typeof transcriptWordSchema>;

/** A run of one speaker. Unknown fields pass through. */
export const transcriptUtteranceSchema = z.looseObject({
  speaker: z.string(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  confidence: z.number(),
  words: z.array(transcriptWordSchema),
  channel: z.nullish(z.string()),
});
/** An utterance of a transcript. */
export type TranscriptUtterance = z.infer<typeof transcriptUtteranceSchema>;

/** An entity found by entity detection (may hold PII even with redaction on). */
export const transcriptEntitySchema = z.looseObject({
  entity_type: z.string(),
  text: z.string(),
  start: z.number(),
  end: z.number(),
});

const nullableBool = z.nullish(z.boolean());

/**
 * A transcript as `GET /v2/transcript/{id}` returns it. Only `id` and `status` are required (a
 * queued transcript has little else); every other known field is checked when present, and
 * unknown fields pass through.
 */
export const transcriptSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  status: transcriptStatusSchema,
  audio_url: z.optional(z.string()),
  text: z.nullish(z.string()),
  words: z.nullish(z.array(transcriptWordSchema)),
  utterances: z.nullish(z.array(transcriptUtteranceSchema)),
  confidence: z.nullish(z.number()),
  audio_duration: z.nullish(z.number()),
  error: z.nullish(z.string()),
  language_code: z.nullish(z.string()),
  language_detection: nullableBool,
  language_confidence: z.nullish(z.number()),
  speech_models: z.nullish(z.array(z.string())),
  speech_model_used: z.nullish(z.string()),
  speaker_labels: nullableBool,
  speakers_expected: z.nullish(z.number()),
  multichannel: nullableBool,
  audio_channels: z.nullish(z.number()),
  punctuate: nullableBool,
  format_text: nullableBool,
  keyterms_prompt: z.nullish(z.array(z.string())),
  prompt: z.nullish(z.string()),
  domain: z.nullish(z.string()),
  entity_detection: nullableBool,
  entities: z.nullish(z.array(transcriptEntitySchema)),
  redact_pii: nullableBool,
  redact_pii_audio: nullableBool,
  redact_pii_audio_quality: z.nullish(z.string()),
  redact_pii_policies: z.nullish(z.array(z.string())),
  redact_pii_sub: z.nullish(z.string()),
  webhook_url: z.nullish(z.string()),
  webhook_status_code: z.nullish(z.number()),
  webhook_auth: nullableBool,
  webhook_auth_header_name: z.nullish(z.string()),
  throttled: nullableBool,
});
/** A transcript (unknown fields kept). */
export type Transcript = z.infer<typeof transcriptSchema>;

/** One sentence or paragraph: text, timings and words. */
const segmentShape = {
  text: z.string(),
  start: z.number(),
  end: z.number(),
  confidence: z.number(),
  words: z.array(transcriptWordSchema),
  speaker: z.nullish(z.string()),
  channel: z.nullish(z.string()),
};

/** A sentence of `GET /v2/transcript/{id}/sentences`. */
export const transcriptSentenceSchema = z.looseObject(segmentShape);
/** A sentence. */
export type TranscriptSentence = z.infer<typeof transcriptSentenceSchema>;
/** A paragraph of `GET /v2/transcript/{id}/paragraphs`. */
export const transcriptParagraphSchema = z.looseObject(segmentShape);
/** A paragraph. */
export type TranscriptParagraph = z.infer<typeof transcriptParagraphSchema>;

/** Body of `GET /v2/transcript/{id}/sentences`. */
export const sentencesResponseSchema = z.looseObject({
  id: z.string(),
  confidence: z.nullish(z.number()),
  audio_duration: z.nullish(z.number()),
  sentences: z.array(transcriptSentenceSchema),
});
/** Sentences of a transcript. */
export type SentencesResponse = z.infer<typeof sentencesResponseSchema>;

/** Body of `GET /v2/transcript/{id}/paragraphs`. */
export const paragraphsResponseSchema = z.looseObject({
  id: z.string(),
  confidence: z.nullish(z.number()),
  audio_duration: z.nullish(z.number()),
  paragraphs: z.array(transcriptParagraphSchema),
});
/** Paragraphs of a transcript. */
export type ParagraphsResponse = z.infer<typeof paragraphsResponseSchema>;

/** Body of `GET /v2/transcript/{id}/redacted-audio`. */
export const redactedAudioResponseSchema = z.looseObject({
  status: z.string(),
  redacted_audio_url: z.string(),
});
/** Where the redacted audio is (valid for 24 h). */
export type RedactedAudioResponse = z.infer<typeof redactedAudioResponseSchema>;

/** Body of `POST /v2/upload`. */
export const uploadResponseSchema = z.looseObject({ upload_url: z.string().check(z.minLength(1)) });
/** The private URL of an uploaded file, to pass as `audio_url`. */
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

/** One row of `GET /v2/transcript`. */
export const transcriptListItemSchema = z.looseObject({
  id: z.string(),
  resource_url: z.optional(z.string()),
  status: transcriptStatusSchema,
  created: z.string(),
  completed: z.nullish(z.string()),
  audio_url: z.string(),
  error: z.nullish(z.string()),
});
/** A transcript as listed (no text). */
export type TranscriptListItem = z.infer<typeof transcriptListItemSchema>;

/** `page_details` of a list page. `prev_url` points to older transcripts. */
export const pageDetailsSchema = z.looseObject({
  limit: z.number(),
  result_count: z.number(),
  current_url: z.string(),
  prev_url: z.nullable(z.string()),
  next_url: z.nullable(z.string()),
});

/** Body of `GET /v2/transcript`. */
export const transcriptListSchema = z.looseObject({
  page_details: pageDetailsSchema,
  transcripts: z.array(transcriptListItemSchema),
});
/** One page of the transcript list. */
export type TranscriptList = z.infer<typeof transcriptListSchema>;

/** One searched word or phrase and where it occurs (`[start, end]` ms pairs, word indexes). */
export const wordSearchMatchSchema = z.looseObject({
  text: z.string(),
  count: z.number(),
  timestamps: z.array(z.array(z.number())),
  indexes: z.array(z.number()),
});

/** Body of `GET /v2/transcript/{id}/word-search`. */
export const wordSearchResponseSchema = z.looseObject({
  id: z.string(),
  total_count: z.number(),
  matches: z.array(wordSearchMatchSchema),
});
/** Word search result. */
export type WordSearchResponse = z.infer<typeof wordSearchResponseSchema>;
