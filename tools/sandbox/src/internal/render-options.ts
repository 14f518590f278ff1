import type { RenderOptions } from "./render.js";
import type { TranscriptParams } from "./transcript-params.js";

/**
 * The rendering a create request asks for: diarization (with `speakers_expected` /
 * `speaker_options`), multichannel, PII redaction (only with `redact_pii` and for the listed
 * policies; `hash` by default) and entity detection.
 */
export function renderOptionsOf(p: TranscriptParams): RenderOptions {
  const policies = p.redact_pii ? new Set<string>(p.redact_pii_policies ?? []) : null;
  return {
    speakerLabels: p.speaker_labels === true,
    redaction: policies ? { policies, substitution: p.redact_pii_sub ?? "hash" } : null,
    multichannel: p.multichannel === true,
    speakers: {
      speakersExpected: p.speakers_expected ?? null,
      ...(p.speaker_options?.min_speakers_expected !== undefined ? { minSpeakersExpected: p.speaker_options.min_speakers_expected } : {}),
      ...(p.speaker_options?.max_speakers_expected !== undefined ? { maxSpeakersExpected: p.speaker_options.max_speakers_expected } : {}),
    },
    entities: p.entity_detection === true,
  };
}
