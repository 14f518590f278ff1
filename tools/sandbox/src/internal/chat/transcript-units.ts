/** One quotable sentence of the transcript, with its speaker label and (when known) role. */
export interface Unit {
  text: string;
  speaker: string | null;
  role: "clinician" | "patient" | null;
}

/** The transcript region of a prompt and the rest of the prompt text. */
export interface PromptParts {
  transcript: string;
  outside: string;
}

// The fence tags stand on lines of their own (docs/ARCHITECTURE.md); the same words inside prose,
// such as "between the <transcript> and </transcript> lines", are not a fence.
const OPEN_LINE = /^<transcript>[ \t]*\r?$/m;
const CLOSE_LINE = /^<\/transcript>[ \t]*\r?$/m;

/**
 * Splits the prompt the way docs/ARCHITECTURE.md fixes it: the transcript is between a `<transcript>`
 * line and the next `</transcript>` line; without such lines, the whole user content is the transcript.
 */
export function splitPrompt(messages: { role: string; content: string }[]): PromptParts {
  const all = messages.map((m) => m.content).join("\n");
  const open = OPEN_LINE.exec(all);
  if (open) {
    const bodyStart = open.index + open[0].length + 1;
    const close = CLOSE_LINE.exec(all.slice(bodyStart));
    if (close) {
      const closeAt = bodyStart + close.index;
      return {
        transcript: all.slice(bodyStart, Math.max(bodyStart, closeAt - 1)),
        outside: all.slice(0, open.index) + all.slice(closeAt + close[0].length),
      };
    }
  }
  const user = messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
  const rest = messages.filter((m) => m.role !== "user").map((m) => m.content).join("\n");
  return { transcript: user, outside: rest };
}

const CLINICIAN = /^(doctor|dr\.?|clinician|physician|provider|nurse|np|pa)$/i;
const PATIENT = /^(patient|pt)$/i;

export function roleOf(label: string | null | undefined): Unit["role"] {
  if (!label) return null;
  const l = label.trim();
  if (CLINICIAN.test(l)) return "clinician";
  if (PATIENT.test(l)) return "patient";
  return null;
}

const SENTENCE = /[^.?!]+[.?!]+["')\]]*|[^.?!]+$/g;
const LINE_LABEL = [/^\s*\[([^\]\n]{1,40})\]\s*(.*)$/, /^\s*((?:speaker\s+)?[A-Za-z][\w .-]{0,30}?):\s+(.*)$/i];

/**
 * Sentences of a plain-text transcript (`[doctor] …`, `A: …` lines or bare text); each is an exact
 * substring. With `lineLabels: false` (the plain `text` the gateway substitutes for `transcript_id`)
 * no line is read as labelled: every unit has no speaker and no role.
 */
export function unitsFromText(text: string, roles: Map<string, string>, options: { lineLabels?: boolean } = {}): Unit[] {
  const units: Unit[] = [];
  const labels = options.lineLabels === false ? [] : LINE_LABEL;
  for (const line of text.split("\n")) {
    let speaker: string | null = null;
    let content = line;
    for (const re of labels) {
      const m = re.exec(line);
      if (m?.[1] && m[2] !== undefined) {
        speaker = m[1].trim();
        content = m[2];
        break;
      }
    }
    for (const s of content.match(SENTENCE) ?? []) {
      const sentence = s.trim();
      if (sentence.split(/\s+/).length < 3) continue;
      units.push({ text: sentence, speaker, role: roleOf(speaker) ?? roleOf(speaker ? roles.get(speaker) : null) });
    }
  }
  return units;
}

/** `speaker "A" is the clinician` hints (soap-prompts' speakerRolesText) in the prompt text. */
export function rolesFromPrompt(outside: string): Map<string, string> {
  const roles = new Map<string, string>();
  for (const m of outside.matchAll(/speaker "([^"]+)" is the ([\w -]+)/gi)) {
    if (m[1] && m[2]) roles.set(m[1], m[2].trim());
  }
  return roles;
}
