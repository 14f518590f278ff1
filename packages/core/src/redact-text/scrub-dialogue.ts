import type { DialogueWord, ParsedDialogue } from "../evidence/transcript-text.js";
import type { ScrubberPolicy } from "./scrub-policies.js";
import { scrubText, type ScrubOptions } from "./scrub-text.js";

/** What {@link scrubDialogue} returns: the dialogue with identifiers removed, and how many of each. */
export interface ScrubbedDialogue {
  dialogue: ParsedDialogue;
  /** Identifiers removed, by policy (counts only). */
  found: Partial<Record<ScrubberPolicy, number>>;
}

/**
 * Scrubs every turn of a parsed dialogue ({@link scrubText}), keeping speakers and roles. The turns
 * are scanned together, one per line, so a birth date answered on the turn after the question
 * ("…and date of birth?" / "April 9, 1977.") is found. Speaker labels themselves are not scrubbed.
 *
 * @example
 * ```ts
 * const { dialogue, found } = scrubDialogue(parseTranscriptText(text), { substitution: "entity_name" });
 * ```
 */
export function scrubDialogue(d: ParsedDialogue, options: ScrubOptions = {}): ScrubbedDialogue {
  // One turn per line: a turn never holds a line break (parseTranscriptText joins continuation lines).
  const joined = d.utterances.map((u) => u.text.replace(/[\r\n]+/g, " ")).join("\n");
  const { text, findings } = scrubText(joined, options);
  if (findings.length === 0) return { dialogue: d, found: {} };
  const found: Partial<Record<ScrubberPolicy, number>> = {};
  for (const f of findings) found[f.policy] = (found[f.policy] ?? 0) + 1;
  const texts = text.split("\n");
  const utterances = d.utterances.map((u, i) => ({ ...u, text: texts[i] ?? "" }));
  const words: DialogueWord[] = [];
  for (const u of utterances) {
    for (const w of u.text.split(/\s+/)) if (w.length > 0) words.push({ text: w, speaker: u.speaker });
  }
  return { dialogue: { ...d, utterances, words, speakerRoles: { ...d.speakerRoles } }, found };
}
