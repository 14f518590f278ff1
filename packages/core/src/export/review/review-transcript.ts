import type { NoteTranscript } from "../../generate/note-transcript.js";
import { isDialogue } from "../../generate/note-transcript.js";
import type { Evidence, SoapNote } from "../../note/soap-note.js";
import type { ReviewUtterance } from "./review-options.js";

/**
 * The transcript a review page shows beside a note: one entry per utterance (speaker label, role,
 * times), from an AssemblyAI transcript (its utterances; one block of text without speaker labels
 * when it has none) or a parsed text dialogue (no times). Roles come from the note's evidence (the
 * roles its quotes were given) and from role-like dialogue labels.
 *
 * @example
 * ```ts
 * const html = toReviewHtml(note, { transcript: reviewTranscript(transcript, note) });
 * ```
 */
export function reviewTranscript(transcript: NoteTranscript, note?: SoapNote): ReviewUtterance[] {
  const roles: Record<string, string> = isDialogue(transcript) ? { ...transcript.speakerRoles } : {};
  for (const section of Object.values(note?.sections ?? {})) {
    for (const s of section.statements) for (const e of s.evidence) if (e.speaker !== undefined && e.role !== undefined) roles[e.speaker] = e.role;
  }
  const withRole = (u: ReviewUtterance): ReviewUtterance => (roles[u.speaker] !== undefined ? { ...u, role: roles[u.speaker] } : u);
  if (isDialogue(transcript)) return transcript.utterances.map((u) => withRole({ speaker: u.speaker, text: u.text }));
  if (transcript.utterances && transcript.utterances.length > 0) {
    return transcript.utterances.map((u) => withRole({ speaker: u.speaker, start_ms: u.start, end_ms: u.end, text: u.text }));
  }
  const text = transcript.text ?? (transcript.words ?? []).map((w) => w.text).join(" ");
  return text.trim() === "" ? [] : [{ speaker: "", text }];
}

/** Where one quote sits in the transcript: utterance indexes and, where its words were found, character ranges. */
export interface QuoteLocation {
  utterances: number[];
  /** `[utterance, start, end)` character ranges of the quote inside those utterances. */
  ranges: [number, number, number][];
}

const fold = (s: string): string => s.toLowerCase().replace(/\s+/g, " ");

/**
 * Finds a quote in the transcript: by its time span (utterances that overlap it, of the same speaker
 * when both are known), else by its words (the first utterance that contains them, ignoring case).
 * A quote the evidence check did not find is nowhere. Never throws.
 */
export function locateQuote(utterances: readonly ReviewUtterance[], e: Evidence): QuoteLocation {
  if (!e.found) return { utterances: [], ranges: [] };
  let hits: number[] = [];
  if (e.start_ms !== undefined) {
    const end = e.end_ms ?? e.start_ms;
    hits = utterances.flatMap((u, i) => {
      if (u.start_ms === undefined) return [];
      const overlaps = u.start_ms <= end && (u.end_ms ?? u.start_ms) >= e.start_ms!;
      const sameSpeaker = e.speaker === undefined || u.speaker === "" || u.speaker === e.speaker;
      return overlaps && sameSpeaker ? [i] : [];
    });
  }
  const needle = fold(e.quote.trim());
  if (hits.length === 0 && needle !== "") {
    const i = utterances.findIndex((u) => fold(u.text).includes(needle));
    if (i >= 0) hits = [i];
  }
  const ranges: [number, number, number][] = [];
  for (const i of hits) {
    const text = (utterances[i] as ReviewUtterance).text;
    const folded = fold(text);
    // Ranges index the original text: only where folding kept every character in place.
    if (folded.length !== text.length || needle === "") continue;
    const at = folded.indexOf(needle);
    if (at >= 0) ranges.push([i, at, at + needle.length]);
  }
  return { utterances: hits, ranges };
}
