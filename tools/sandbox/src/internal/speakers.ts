import type { FixtureWord } from "./fixture-schema.js";

/** The fixture's voices (its `speaker` labels) in order of first appearance. */
export function voicesInOrder(words: readonly FixtureWord[]): string[] {
  return [...new Set(words.map((w) => w.speaker))];
}

/**
 * Multichannel: each of the fixture's voices is recorded on its own channel, numbered "1", "2", … in
 * order of first appearance (the clinician, who speaks first in every sample visit, is channel "1",
 * the patient "2"). openapi.yml: "The left and right channels are channels 1 and 2. Additional channels
 * increment the channel number sequentially."
 */
export function channelMap(voices: readonly string[]): Map<string, string> {
  return new Map(voices.map((v, i) => [v, String(i + 1)]));
}

/** The `speakers_expected` / `speaker_options` of a request. */
export interface SpeakerCountRequest {
  speakersExpected?: number | null;
  minSpeakersExpected?: number;
  maxSpeakersExpected?: number;
}

/**
 * How many speakers diarization reports for a recording of `voices` distinct voices.
 * `speakers_expected` wins over `speaker_options`; either can lower the count (voices are merged) but
 * never raise it: a diarization model cannot invent a voice the audio does not have, so a minimum or an
 * expected count above `voices` keeps `voices`.
 */
export function reportedSpeakerCount(voices: number, request: SpeakerCountRequest): number {
  const wanted = request.speakersExpected ?? request.maxSpeakersExpected ?? voices;
  return Math.max(1, Math.min(voices, wanted));
}

/** "A", "B", … "Z", then "AA", "AB", … (AssemblyAI: "each speaker is assigned a sequential capital letter"). */
export function speakerLetter(index: number): string {
  let n = index;
  let out = "";
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

/**
 * The label each voice gets when diarization reports `count` speakers: the first `count - 1` voices (in
 * order of first appearance) keep a speaker of their own, every later voice is merged into the
 * `count`-th. Labels are sequential letters in order of first appearance.
 */
export function speakerLabelMap(voices: readonly string[], count: number): Map<string, string> {
  const keep = Math.max(1, Math.min(count, voices.length));
  return new Map(voices.map((v, i) => [v, speakerLetter(Math.min(i, keep - 1))]));
}
