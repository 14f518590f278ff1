import { splitWords, tokenizeWords, WILDCARD } from "../internal/text/normalize.js";
import { parseTranscriptText, type ParsedDialogue } from "./transcript-text.js";

/** A word with optional timing (AssemblyAI `words[]` items fit). */
export interface TimedWord {
  text: string;
  start?: number | null;
  end?: number | null;
  speaker?: string | null;
}

/** An utterance (AssemblyAI `utterances[]` items fit). */
export interface TimedUtterance {
  text: string;
  speaker?: string | null;
  start?: number | null;
  end?: number | null;
  words?: TimedWord[] | null;
}

/**
 * What the evidence checker accepts as a transcript: an AssemblyAI transcript (words and/or
 * utterances and/or text), a {@link ParsedDialogue}, or plain dialogue text (parsed with
 * `parseTranscriptText`).
 */
export type EvidenceTranscript =
  | string
  | ParsedDialogue
  | { words?: TimedWord[] | null; utterances?: TimedUtterance[] | null; text?: string | null };

/** Counts the elementary steps of indexing and matching (for complexity tests and benchmarks). */
export interface OperationCounter {
  operations: number;
}

/** Token index over a transcript. */
export interface TranscriptIndex {
  words: TimedWord[];
  tokens: string[];
  /** For each token, the index of its word. */
  source: number[];
  /** Positions of each token (wildcards excluded). */
  positions: Map<string, number[]>;
  speakerRoles: Record<string, string>;
}

function wordsOf(transcript: EvidenceTranscript): { words: TimedWord[]; roles: Record<string, string> } {
  if (typeof transcript === "string") return wordsOf(parseTranscriptText(transcript));
  if ("kind" in transcript && transcript.kind === "dialogue") {
    return { words: transcript.words, roles: transcript.speakerRoles };
  }
  const t = transcript as { words?: TimedWord[] | null; utterances?: TimedUtterance[] | null; text?: string | null };
  if (t.words && t.words.length > 0) return { words: t.words, roles: {} };
  if (t.utterances && t.utterances.length > 0) {
    const words: TimedWord[] = [];
    for (const u of t.utterances) {
      if (u.words && u.words.length > 0) {
        // A loop, not a spread: one utterance can hold a whole single-speaker recording.
        for (const w of u.words) words.push({ ...w, speaker: w.speaker ?? u.speaker ?? null });
      } else {
        // Without word timings, each word carries its utterance's span.
        for (const text of splitWords(u.text)) words.push({ text, start: u.start ?? null, end: u.end ?? null, speaker: u.speaker ?? null });
      }
    }
    return { words, roles: {} };
  }
  return { words: splitWords(t.text ?? "").map((text) => ({ text })), roles: {} };
}

/**
 * Builds the token index in one pass: O(n) in the number of transcript words.
 *
 * @example
 * ```ts
 * const index = buildTranscriptIndex("[doctor] how is the knee ?\n[patient] it hurts .");
 * index.positions.get("hurts"); // [6]
 * ```
 */
export function buildTranscriptIndex(transcript: EvidenceTranscript, counter?: OperationCounter): TranscriptIndex {
  const { words, roles } = wordsOf(transcript);
  const { tokens, source } = tokenizeWords(words.map((w) => w.text));
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    if (token === WILDCARD) return;
    const list = positions.get(token);
    if (list) list.push(i);
    else positions.set(token, [i]);
  });
  if (counter) counter.operations += words.length + tokens.length;
  return { words, tokens, source, positions, speakerRoles: roles };
}
