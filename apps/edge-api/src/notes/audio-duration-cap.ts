/**
 * The maximum audio duration (`MAX_AUDIO_MINUTES`). AssemblyAI has no create parameter that caps a
 * transcription (`audio_end_at` cuts the note short silently, `speech_threshold` is about speech, not
 * length), and the edge API never downloads the audio, so the cap is applied when the transcript is
 * complete and before any LLM call: a longer recording gets no note, and its transcript is deleted.
 * The transcription itself is already billed by then; the note generation and the PHI kept are not.
 */

/** What the cap says about a completed transcript. */
export type AudioDurationVerdict = { ok: true } | { ok: false; durationSeconds: number; reason: string };

/**
 * Whether a completed transcript's `audio_duration` (seconds, as AssemblyAI reports it) is within
 * `maxSeconds`. A transcript without a duration passes (AssemblyAI reports it on every completed one).
 */
export function checkAudioDuration(transcript: { audio_duration?: number | null }, maxSeconds: number): AudioDurationVerdict {
  const duration = transcript.audio_duration;
  if (typeof duration !== "number" || duration <= maxSeconds) return { ok: true };
  const minutes = (s: number) => `${Math.round((s / 60) * 10) / 10} min`;
  return {
    ok: false,
    durationSeconds: duration,
    reason:
      `The recording is ${minutes(duration)} long; this deployment makes notes from recordings up to ${minutes(maxSeconds)} ` +
      "(MAX_AUDIO_MINUTES). No note was generated and the transcript was deleted at AssemblyAI; send a shorter recording.",
  };
}
