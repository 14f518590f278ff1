/**
 * The speech model names `POST /v2/transcript` accepts, as sandbox fixture data. openapi.yml types
 * `SpeechModel` as a bare string ("See Model Selection for available models") and the accepted set
 * changes over time (API-NOTES.md: keep it configurable), but the real service refuses names it does
 * not know, so the sandbox does too. Pass your own list to `createTranscriptHandler` /
 * `validateTranscriptParams` when AssemblyAI adds or retires one.
 *
 * Sources:
 * - `universal-3-pro`, `universal-2`: the "Supported models" tables of docs/pii-redaction.mdx and
 *   docs/speaker-diarization.mdx, every request example in docs/*.mdx, the seed tutorial; their
 *   capabilities: openapi.yml `keyterms_prompt` ("up to 200 (for Universal-2) or 1000 (for
 *   Universal-3 Pro) ... (maximum 6 words per phrase)"), `prompt` ("only supported for the
 *   Universal-3 Pro model", "up to 1,500 words"), `temperature` ("can only be used with the
 *   Universal-3 Pro model"), `remove_audio_tags` ("only supported for the Universal-3 Pro model").
 * - `slam-1`, `best`, `nano`: legacy names, not in the reference files; kept because AssemblyAI's
 *   public model-selection pages and SDKs used them (unconfirmed whether the service still takes
 *   them). The spec states keyterms/prompt/temperature limits only for the two Universal models, so
 *   the sandbox refuses those fields for these (at least as strict as the spec).
 * - Not accepted: `u3-rt-pro` and `universal-streaming-*` (streaming models, docs/streaming).
 */
export interface SpeechModelInfo {
  /** The `speech_models` / `speech_model` value. */
  name: string;
  /** Most `keyterms_prompt` entries it takes; `null` when it takes none. */
  keytermsMax: number | null;
  /** Takes `prompt`. */
  prompt: boolean;
  /** Takes `temperature`. */
  temperature: boolean;
  /** Takes `remove_audio_tags`. */
  removeAudioTags: boolean;
  /** A display name for messages ("Universal-3 Pro"). */
  label: string;
}

const legacy = (name: string, label: string): SpeechModelInfo => ({ name, label, keytermsMax: null, prompt: false, temperature: false, removeAudioTags: false });

/** The default accepted speech models (see the sources above). */
export const DEFAULT_SPEECH_MODELS: readonly SpeechModelInfo[] = [
  { name: "universal-3-pro", label: "Universal-3 Pro", keytermsMax: 1000, prompt: true, temperature: true, removeAudioTags: true },
  { name: "universal-2", label: "Universal-2", keytermsMax: 200, prompt: false, temperature: false, removeAudioTags: false },
  legacy("slam-1", "Slam-1"),
  legacy("best", "Best"),
  legacy("nano", "Nano"),
];
