/** One turn of a plain-text dialogue. */
export interface DialogueUtterance {
  /** Speaker label as written: "doctor" for `[doctor]`, "A" for `Speaker A:`. */
  speaker: string;
  text: string;
}

/** One word of a plain-text dialogue (no timings). */
export interface DialogueWord {
  text: string;
  speaker: string;
}

/** A plain-text dialogue parsed by {@link parseTranscriptText}. */
export interface ParsedDialogue {
  kind: "dialogue";
  utterances: DialogueUtterance[];
  words: DialogueWord[];
  /** Roles derived from role-like labels: "doctor" -> "clinician", "patient" -> "patient". */
  speakerRoles: Record<string, string>;
}

const BRACKET = /^\s*\[([^\]\n]{1,40})\]\s?(.*)$/;
const SPEAKER = /^\s*speaker\s+([A-Za-z0-9]{1,4})\s*:\s?(.*)$/i;
const ROLE_LABEL = /^\s*(doctor|dr|clinician|provider|physician|nurse|patient|pt|caregiver|family)\s*:\s?(.*)$/i;
const CLINICIAN = /^(doctor|dr|clinician|provider|physician|nurse|np|pa|md)$/i;
const PATIENT = /^(patient|pt)$/i;

/** Role of a speaker label when the label itself names one ("doctor", "patient"); else undefined. */
export function roleOfLabel(label: string): string | undefined {
  if (CLINICIAN.test(label)) return "clinician";
  if (PATIENT.test(label)) return "patient";
  return undefined;
}

/**
 * Parses a plain-text dialogue: `[doctor] …` / `[patient] …` lines (ACI-BENCH style), `Speaker A: …`
 * lines, or `Doctor: …` / `Patient: …` lines. A line without a label continues the previous turn;
 * text before the first label belongs to speaker "unknown". Never throws.
 *
 * @example
 * ```ts
 * const d = parseTranscriptText("[doctor] how are you ?\n[patient] my knee hurts .");
 * d.utterances[1]; // { speaker: "patient", text: "my knee hurts ." }
 * d.speakerRoles;  // { doctor: "clinician", patient: "patient" }
 * ```
 */
export function parseTranscriptText(text: string): ParsedDialogue {
  const utterances: DialogueUtterance[] = [];
  for (const line of String(text).split(/\r\n?|\n/)) {
    const m = BRACKET.exec(line) ?? SPEAKER.exec(line) ?? ROLE_LABEL.exec(line);
    if (m) {
      utterances.push({ speaker: (m[1] ?? "").trim(), text: (m[2] ?? "").trim() });
      continue;
    }
    const content = line.trim();
    if (content.length === 0) continue;
    const last = utterances[utterances.length - 1];
    if (last) last.text = last.text.length > 0 ? `${last.text} ${content}` : content;
    else utterances.push({ speaker: "unknown", text: content });
  }
  const words: DialogueWord[] = [];
  const speakerRoles: Record<string, string> = {};
  for (const u of utterances) {
    const role = roleOfLabel(u.speaker);
    if (role) speakerRoles[u.speaker] = role;
    for (const w of u.text.split(/\s+/)) if (w.length > 0) words.push({ text: w, speaker: u.speaker });
  }
  return { kind: "dialogue", utterances, words, speakerRoles };
}
