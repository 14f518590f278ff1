import type { Fixture } from "./fixture-schema.js";

/** `TranscriptWord` of the spec. */
export interface WordOut {
  text: string;
  start: number;
  end: number;
  confidence: number;
  speaker: string | null;
  channel: null;
}

/** `TranscriptUtterance` of the spec. */
export interface UtteranceOut {
  confidence: number;
  start: number;
  end: number;
  text: string;
  words: WordOut[];
  speaker: string;
  channel: null;
}

export interface RedactionRequest {
  policies: ReadonlySet<string>;
  substitution: "hash" | "entity_name";
}

export interface RenderOptions {
  speakerLabels: boolean;
  redaction: RedactionRequest | null;
}

export interface RenderedTranscript {
  words: WordOut[];
  text: string;
  utterances: UtteranceOut[] | null;
  confidence: number;
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

/** Builds `words`, `text`, `utterances` and `confidence` from a fixture, with the requested redaction. */
export function renderTranscript(fixture: Fixture, options: RenderOptions): RenderedTranscript {
  const policyOf = new Map<number, string>();
  if (options.redaction) {
    for (const span of fixture.pii) {
      if (!options.redaction.policies.has(span.policy)) continue;
      for (let i = span.first_word; i <= span.last_word; i++) policyOf.set(i, span.policy);
    }
  }
  const words: WordOut[] = fixture.words.map((w, i) => {
    const policy = policyOf.get(i);
    const text = policy && options.redaction ? redactWord(w.text, policy, options.redaction.substitution) : w.text;
    return { text, start: w.start, end: w.end, confidence: w.confidence, speaker: options.speakerLabels ? w.speaker : null, channel: null };
  });
  const text = words.map((w) => w.text).join(" ");
  const utterances = options.speakerLabels ? toUtterances(words) : null;
  return { words, text, utterances, confidence: mean(words.map((w) => w.confidence)) };
}

/** Groups consecutive words of one speaker into utterances. */
export function toUtterances(words: WordOut[]): UtteranceOut[] {
  return runs(words, (a, b) => a.speaker === b.speaker).map((run) => ({
    ...span(run),
    speaker: run[0]?.speaker ?? "A",
    channel: null,
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
  return groups.map((g) => ({ ...span(g.words), speaker: g.words[0]?.speaker ?? null, channel: null }));
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
