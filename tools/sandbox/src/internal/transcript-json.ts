import type { StoredTranscript } from "./state.js";
import { toParagraphs, toSentences } from "./render.js";

/** Where the (pretend) redacted audio of a job lives. */
export function redactedAudioUrl(origin: string, id: string): string {
  return `${origin}/redacted-audio/${id}.mp3`;
}

const DELETED_URL = "http://deleted_by_user";

/** The spec's `Transcript` object for a job (only schema-valid fields: the schema is closed). */
export function transcriptJson(t: StoredTranscript): Record<string, unknown> {
  const p = t.params;
  const done = t.status === "completed" && t.rendered !== null;
  const base: Record<string, unknown> = {
    id: t.id,
    status: t.status,
    audio_url: t.deleted ? DELETED_URL : p.audio_url,
    language_model: "assemblyai_default",
    acoustic_model: "assemblyai_default",
    speech_model: p.speech_model ?? null,
    speech_models: p.speech_models ?? null,
    language_detection: p.language_detection ?? false,
    language_confidence_threshold: p.language_confidence_threshold ?? null,
    language_confidence: t.language?.confidence ?? null,
    text: t.deleted ? "Deleted by user." : done ? t.rendered!.text : null,
    words: !t.deleted && done ? t.rendered!.words : null,
    utterances: !t.deleted && done ? t.rendered!.utterances : null,
    confidence: !t.deleted && done ? t.rendered!.confidence : null,
    audio_duration: t.fixture && t.status === "completed" ? Math.round(t.fixture.audio.duration_ms / 1000) : null,
    punctuate: p.punctuate ?? true,
    format_text: p.format_text ?? true,
    multichannel: p.multichannel ?? false,
    speaker_labels: p.speaker_labels ?? false,
    speakers_expected: p.speakers_expected ?? null,
    webhook_url: t.deleted && p.webhook_url ? DELETED_URL : p.webhook_url ?? null,
    webhook_status_code: t.webhookStatusCode,
    webhook_auth: !t.deleted && Boolean(p.webhook_auth_header_name && p.webhook_auth_header_value),
    webhook_auth_header_name: t.deleted ? null : p.webhook_auth_header_name ?? null,
    auto_highlights: p.auto_highlights ?? false,
    auto_highlights_result: null,
    audio_start_from: p.audio_start_from ?? null,
    audio_end_at: p.audio_end_at ?? null,
    filter_profanity: p.filter_profanity ?? false,
    redact_pii: p.redact_pii ?? false,
    redact_pii_audio: p.redact_pii_audio ?? false,
    redact_pii_audio_quality: p.redact_pii ? p.redact_pii_audio_quality ?? "mp3" : null,
    redact_pii_policies: p.redact_pii_policies ?? null,
    content_safety: p.content_safety ?? false,
    content_safety_labels: null,
    iab_categories: p.iab_categories ?? false,
    iab_categories_result: null,
    custom_spelling: p.custom_spelling ?? null,
    keyterms_prompt: p.keyterms_prompt ?? [],
    disfluencies: p.disfluencies ?? false,
    entity_detection: p.entity_detection ?? false,
    entities: !t.deleted && done && t.rendered!.entities ? t.rendered!.entities : null,
    sentiment_analysis: p.sentiment_analysis ?? false,
    sentiment_analysis_results: null,
    speech_threshold: p.speech_threshold ?? null,
    summarization: false,
    auto_chapters: p.auto_chapters ?? false,
    chapters: null,
    throttled: t.throttled,
    temperature: p.temperature ?? null,
    remove_audio_tags: p.remove_audio_tags ?? null,
  };
  // With language detection the code is known once detection ran (absent before: the schema's
  // language_code is not nullable); also on a job that detection failed, so a caller can resubmit.
  const languageCode = p.language_detection ? t.language?.code : p.language_code ?? "en_us";
  if (languageCode !== undefined) base["language_code"] = languageCode;
  if (p.language_detection_options) base["language_detection_options"] = p.language_detection_options;
  // "only present when multichannel is enabled" (openapi.yml); known once the audio was processed.
  if (done && !t.deleted && t.rendered!.audioChannels !== null) base["audio_channels"] = t.rendered!.audioChannels;
  if (p.redact_pii) base["redact_pii_sub"] = p.redact_pii_sub ?? "hash";
  if (p.prompt) base["prompt"] = p.prompt;
  if (done) base["speech_model_used"] = t.speechModelUsed;
  if (t.status === "error") base["error"] = t.failure ?? "Unknown error";
  return base;
}

/** The spec's `TranscriptListItem`. `created`/`completed` use its pattern (no time zone). */
export function listItemJson(t: StoredTranscript): Record<string, unknown> {
  return {
    id: t.id,
    resource_url: `${t.origin}/v2/transcript/${t.id}`,
    status: t.status,
    created: listTimestamp(t.createdAt),
    completed: t.completedAt !== null && t.status === "completed" ? listTimestamp(t.completedAt) : null,
    audio_url: t.deleted ? DELETED_URL : t.params.audio_url,
    error: t.status === "error" ? t.failure : null,
  };
}

/** "2024-03-01T12:34:56.789000" like the API. */
export function listTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000");
}

function speakerOf(t: StoredTranscript): (i: number) => string | null {
  const words = t.fixture?.words ?? [];
  return (i) => words[i]?.speaker ?? null;
}

/** `SentencesResponse`. Needs a completed, undeleted job. */
export function sentencesJson(t: StoredTranscript): Record<string, unknown> {
  const r = t.rendered!;
  const labelled = t.params.speaker_labels === true;
  const split = speakerOf(t);
  const sentences = toSentences(r.words, split).map((s) => ({ ...s, speaker: labelled ? s.speaker : null }));
  return { id: t.id, confidence: r.confidence, audio_duration: Math.round((t.fixture?.audio.duration_ms ?? 0) / 1000), sentences };
}

/** `ParagraphsResponse`. Needs a completed, undeleted job. */
export function paragraphsJson(t: StoredTranscript): Record<string, unknown> {
  const r = t.rendered!;
  return { id: t.id, confidence: r.confidence, audio_duration: Math.round((t.fixture?.audio.duration_ms ?? 0) / 1000), paragraphs: toParagraphs(r.words, speakerOf(t)) };
}
