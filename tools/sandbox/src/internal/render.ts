import { findEntities, type EntityOut } from "./entities.js";
import type { Fixture } from "./fixture-schema.js";
import { channelMap, reportedSpeakerCount, speakerLabelMap, voicesInOrder, type SpeakerCountRequest } from "./speakers.js";

/** `TranscriptWord` of the spec. */
export interface WordOut {
  text: string;
  start: number;
  end: number;
  confidence: number;
  speaker: string | null;
  /** With multichannel: "1", "2", …; else null. */
  channel: string | null;
}

/** `TranscriptUtterance` of the spec. */
export interface UtteranceOut {
  confidence: number;
  start: number;
  end: number;
  text: string;
  words: WordOut[];
  speaker: string;
  channel: string | null;
}

export interface RedactionRequest {
  policies: ReadonlySet<string>;
  substitution: "hash" | "entity_name";
}

export interface RenderOptions {
  speakerLabels: boolean;
  redaction: RedactionRequest | null;
  /** Each voice on its own channel (see `channelMap`). @default false */
  multichannel?: boolean;
  /** `speakers_expected` / `speaker_options` (only with `speakerLabels`). @default {} */
  speakers?: SpeakerCountRequest;
  /** Entity detection. @default false */
  entities?: boolean;
}

export interface RenderedTranscript {
  words: WordOut[];
  text: string;
  utterances: UtteranceOut[] | null;
  confidence: number;
  /** `audio_channels`: the number of channels, with multichannel only. */
  audioChannels: number | null;
  /** `entities`, with entity detection only (unredacted, as AssemblyAI's). */
  entities: EntityOut[] | null;
}

const EDGE = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

/**
 * Redacts one word the way docs/pii-redaction.mdx shows it: the word's letters and digits are
 * replaced, surrounding punctuation stays ("Peter," -> "#####," or "[PERSON_NAME],").
 */
export function redactWord(text: string, policy: string, substitution: "hash" | "entity_name"): string {
  const m = EDGE.exec(text);
  const lead = m?.[1] ?? "";
  const core = m?.[2] ?? text;
  const trail = m?.[3] ?? "";
  if (core.length === 0) return text;
  const replacement = substitution === "hash" ? "#".repeat(core.length) : `[${policy.toUpperCase()}]`;
  return `${lead}${replacement}${trail}`;
}

function mean(values: number[]): number {
  if (values.length === 0) return 0;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Who said each word, as the transcript reports it: `speaker` (null without diarization) and `channel`
 * (null without multichannel). Diarization alone: sequential letters, with voices merged down to the
 * requested count (`speakerLabelMap`). Multichannel alone: no speaker on words (the spec: a word's
 * speaker is set "if Speaker Diarization is enabled, else null"). Both: per-channel diarization, one
 * voice per channel in the fixtures, labelled `<channel><letter>` ("1A", "2A"); the speaker counts
 * apply per channel, where they cannot lower one voice.
 */
function attribution(fixture: Fixture, options: RenderOptions): (voice: string) => { speaker: string | null; channel: string | null } {
  const voices = voicesInOrder(fixture.words);
  if (options.multichannel) {
    const channels = channelMap(voices);
    return (voice) => {
      const channel = channels.get(voice) ?? null;
      return { speaker: options.speakerLabels && channel ? `${channel}A` : null, channel };
    };
  }
  if (!options.speakerLabels) return () => ({ speaker: null, channel: null });
  const labels = speakerLabelMap(voices, reportedSpeakerCount(voices.length, options.speakers ?? {}));
  return (voice) => ({ speaker: labels.get(voice) ?? null, channel: null });
}

/** Builds `words`, `text`, `utterances`, `confidence`, `audio_channels` and `entities` from a fixture, with the requested options. */
export function renderTranscript(fixture: Fixture, options: RenderOptions): RenderedTranscript {
  const policyOf = new Map<number, string>();
  if (options.redaction) {
    for (const span of fixture.pii) {
      if (!options.redaction.policies.has(span.policy)) continue;
      for (let i = span.first_word; i <= span.last_word; i++) policyOf.set(i, span.policy);
    }
  }
  const who = attribution(fixture, options);
  const words: WordOut[] = fixture.words.map((w, i) => {
    const policy = policyOf.get(i);
    const text = policy && options.redaction ? redactWord(w.text, policy, options.redaction.substitution) : w.text;
    return { text, start: w.start, end: w.end, confidence: w.confidence, ...who(w.speaker) };
  });
  const text = words.map((w) => w.text).join(" ");
  const utterances = options.speakerLabels || options.multichannel ? toUtterances(words) : null;
  return {
    words,
    text,
    utterances,
    confidence: mean(words.map((w) => w.confidence)),
    audioChannels: options.multichannel ? voicesInOrder(fixture.words).length : null,
    entities: options.entities ? findEntities(fixture) : null,
  };
}

/**
 * Groups consecutive words of one speaker (and channel) into utterances. A multichannel utterance
 * without diarization has the channel id as its speaker (the docs print `Channel {utterance.speaker}`).
 */
export function toUtterances(words: WordOut[]): UtteranceOut[] {
  return runs(words, (a, b) => a.speaker === b.speaker && a.channel === b.channel).map((run) => ({
    ...span(run),
    speaker: run[0]?.speaker ?? run[0]?.channel ?? "A",
    channel: run[0]?.channel ?? null,
  }));
}

function runs(words: WordOut[], same: (a: WordOut, b: WordOut) => boolean): WordOut[][] {
  const out: WordOut[][] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && same(prev, w)) last.push(w);
    else out.push([w]);
  }
  return out;
}

function span(run: WordOut[]): { confidence: number; start: number; end: number; text: string; words: WordOut[] } {
  return {
    confidence: mean(run.map((w) => w.confidence)),
    start: run[0]?.start ?? 0,
    end: run[run.length - 1]?.end ?? 0,
    text: run.map((w) => w.text).join(" "),
    words: run,
  };
}

const SENTENCE_END = /[.?!]["')\]]*$/;

/** `TranscriptSentence[]`: split at sentence-ending punctuation and at speaker changes. */
export function toSentences(words: WordOut[], speakerOf: (i: number) => string | null) {
  const groups: { words: WordOut[]; speaker: string | null }[] = [];
  let current: WordOut[] = [];
  let currentSpeaker: string | null = null;
  words.forEach((w, i) => {
    const speaker = speakerOf(i);
    if (current.length > 0 && speaker !== currentSpeaker) {
      groups.push({ words: current, speaker: currentSpeaker });
      current = [];
    }
    currentSpeaker = speaker;
    current.push(w);
    if (SENTENCE_END.test(w.text)) {
      groups.push({ words: current, speaker: currentSpeaker });
      current = [];
    }
  });
  if (current.length > 0) groups.push({ words: current, speaker: currentSpeaker });
  return groups.map((g) => ({ ...span(g.words), speaker: g.words[0]?.speaker ?? null, channel: g.words[0]?.channel ?? null }));
}

/** `TranscriptParagraph[]`: one paragraph per speaker turn of the ground truth. */
export function toParagraphs(words: WordOut[], speakerOf: (i: number) => string | null) {
  const groups: WordOut[][] = [];
  let last: string | null | undefined;
  words.forEach((w, i) => {
    const speaker = speakerOf(i);
    const group = groups[groups.length - 1];
    if (group && speaker === last) group.push(w);
    else groups.push([w]);
    last = speaker;
  });
  return groups.map((g) => span(g));
}
