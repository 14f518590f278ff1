import * as z from "zod";

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
  speaker: z.string().nullish(),
  channel: z.string().nullish(),
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
  channel: z.string().nullish(),
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

const nullableBool = z.boolean().nullish();

/**
 * A transcript as `GET /v2/transcript/{id}` returns it. Only `id` and `status` are required (a
 * queued transcript has little else); every other known field is checked when present, and
 * unknown fields pass through.
 */
export const transcriptSchema = z.looseObject({
  id: z.string().min(1),
  status: transcriptStatusSchema,
  audio_url: z.string().optional(),
  text: z.string().nullish(),
  words: z.array(transcriptWordSchema).nullish(),
  utterances: z.array(transcriptUtteranceSchema).nullish(),
  confidence: z.number().nullish(),
  audio_duration: z.number().nullish(),
  error: z.string().nullish(),
  language_code: z.string().nullish(),
  language_detection: nullableBool,
  language_confidence: z.number().nullish(),
  speech_models: z.array(z.string()).nullish(),
  speech_model_used: z.string().nullish(),
  speaker_labels: nullableBool,
  speakers_expected: z.number().nullish(),
  multichannel: nullableBool,
  audio_channels: z.number().nullish(),
  punctuate: nullableBool,
  format_text: nullableBool,
  keyterms_prompt: z.array(z.string()).nullish(),
  prompt: z.string().nullish(),
  domain: z.string().nullish(),
  entity_detection: nullableBool,
  entities: z.array(transcriptEntitySchema).nullish(),
  redact_pii: nullableBool,
  redact_pii_audio: nullableBool,
  redact_pii_audio_quality: z.string().nullish(),
  redact_pii_policies: z.array(z.string()).nullish(),
  redact_pii_sub: z.string().nullish(),
  webhook_url: z.string().nullish(),
  webhook_status_code: z.number().nullish(),
  webhook_auth: nullableBool,
  webhook_auth_header_name: z.string().nullish(),
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
  speaker: z.string().nullish(),
  channel: z.string().nullish(),
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
  confidence: z.number().nullish(),
  audio_duration: z.number().nullish(),
  sentences: z.array(transcriptSentenceSchema),
});
/** Sentences of a transcript. */
export type SentencesResponse = z.infer<typeof sentencesResponseSchema>;

/** Body of `GET /v2/transcript/{id}/paragraphs`. */
export const paragraphsResponseSchema = z.looseObject({
  id: z.string(),
  confidence: z.number().nullish(),
  audio_duration: z.number().nullish(),
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
export const uploadResponseSchema = z.looseObject({ upload_url: z.string().min(1) });
/** The private URL of an uploaded file, to pass as `audio_url`. */
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

/** One row of `GET /v2/transcript`. */
export const transcriptListItemSchema = z.looseObject({
  id: z.string(),
  resource_url: z.string().optional(),
  status: transcriptStatusSchema,
  created: z.string(),
  completed: z.string().nullish(),
  audio_url: z.string(),
  error: z.string().nullish(),
});
/** A transcript as listed (no text). */
export type TranscriptListItem = z.infer<typeof transcriptListItemSchema>;

/** `page_details` of a list page. `prev_url` points to older transcripts. */
export const pageDetailsSchema = z.looseObject({
  limit: z.number(),
  result_count: z.number(),
  current_url: z.string(),
  prev_url: z.string().nullable(),
  next_url: z.string().nullable(),
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
