import type { NoteWarning, NoteWarningCode } from "../note/soap-note.js";
import type { RolesClaim } from "../parse/roles-line.js";
import { isDialogue, type NoteTranscript } from "./note-transcript.js";

// Labels and roles go into later prompts outside the transcript fence (a regenerated section passes
// the note's roles back to the template), so the same rule as @org/soap-prompts' template input applies.
const SAFE_LABEL = /^[^\p{Cc}<>{}`]{1,64}$/u;

/** Warning code of a note written without (some) speaker roles. */
export const ROLES_WARNING_CODE = "roles_unavailable" satisfies NoteWarningCode;

/** The two roles the generation request asks for. */
const ASKED_ROLES = ["clinician", "patient"] as const;

/** Roles found, or the warning that says why there are none (or fewer than asked). */
export interface RolesOutcome {
  roles?: Record<string, string>;
  warning?: NoteWarning;
}

/** A `roles_unavailable` warning. */
export function rolesWarning(message: string): NoteWarning {
  return { code: ROLES_WARNING_CODE, message };
}

/**
 * Keeps the label → role pairs whose label and role are usable in a prompt (1-64 characters, no
 * control characters, `<`, `>`, `{`, `}` or backticks); returns them and how many were dropped.
 */
export function usableRoles(mapping: Record<string, string>): { roles: Record<string, string>; dropped: number } {
  const roles: Record<string, string> = {};
  let dropped = 0;
  for (const [label, role] of Object.entries(mapping)) {
    if (SAFE_LABEL.test(label) && SAFE_LABEL.test(role)) roles[label] = role;
    else dropped++;
  }
  return { roles, dropped };
}

/**
 * The speaker labels a transcript really has, in order of first appearance: a dialogue's turn labels
 * (not the `unknown` of text before the first label), else an AssemblyAI transcript's utterance or
 * word speakers.
 */
export function speakerLabels(t: NoteTranscript): string[] {
  const seen = new Set<string>();
  if (isDialogue(t)) {
    for (const u of t.utterances) if (u.speaker !== "unknown") seen.add(u.speaker);
    return [...seen];
  }
  for (const u of t.utterances ?? []) if (u.speaker) seen.add(u.speaker);
  if (seen.size === 0) for (const w of t.words ?? []) if (w.speaker) seen.add(w.speaker);
  return [...seen];
}

const UNKNOWN = /^(unknown|none|n\/a|unclear|-)?$/i;

/**
 * The transcript label a model meant: the label itself, or `Speaker A` / `[doctor]` for `A` /
 * `doctor`, or a unique case-insensitive match. `null` for a label the transcript does not have.
 */
function matchLabel(named: string, labels: readonly string[]): string | null {
  const candidates = [named, named.replace(/^speaker\s+/i, ""), named.replace(/^\[(.*)\]$/, "$1")].map((c) => c.trim());
  for (const c of candidates) if (labels.includes(c)) return c;
  for (const c of candidates) {
    const folded = labels.filter((l) => l.toLowerCase() === c.toLowerCase());
    if (folded.length === 1) return folded[0] as string;
  }
  return null;
}

/**
 * Turns what a model said about roles into a label → role map, checked against the transcript's own
 * labels: a label the transcript does not have (an invented "Z") is ignored, so is a label named for
 * both roles, and so is one that is not usable in a prompt. Never fails the note: whatever is left
 * out is said in a `roles_unavailable` warning (which never quotes the model's text), and the note
 * shows speaker labels where no role is known.
 *
 * @example
 * ```ts
 * resolveRolesClaim({ kind: "named", clinician: "Speaker A", patient: "B" }, ["A", "B"]);
 * // { roles: { A: "clinician", B: "patient" } }
 * ```
 */
export function resolveRolesClaim(claim: RolesClaim, labels: readonly string[]): RolesOutcome {
  const without = "quotes show speaker labels instead of clinician/patient";
  if (claim.kind === "missing") return { warning: rolesWarning(`the model's answer did not say which speaker is the clinician and which the patient; ${without}`) };
  if (claim.kind === "malformed") {
    return { warning: rolesWarning(`the model's speaker-roles answer was not in the asked form ({"clinician": label, "patient": label}); ${without}`) };
  }
  const problems: string[] = [];
  const picked: Partial<Record<(typeof ASKED_ROLES)[number], string>> = {};
  let unsure = 0;
  for (const role of ASKED_ROLES) {
    const named = claim[role].trim();
    if (UNKNOWN.test(named)) {
      unsure++;
      continue;
    }
    const label = matchLabel(named, labels);
    if (label === null) problems.push(`the ${role} label it named is not a speaker label of this transcript and was ignored`);
    else picked[role] = label;
  }
  if (picked.clinician !== undefined && picked.clinician === picked.patient) {
    problems.push("it named the same speaker as clinician and patient, so both were ignored");
    delete picked.clinician;
    delete picked.patient;
  }
  const mapping: Record<string, string> = {};
  for (const role of ASKED_ROLES) if (picked[role] !== undefined) mapping[picked[role]] = role;
  const { roles, dropped } = usableRoles(mapping);
  if (dropped > 0) problems.push(`${dropped} label(s) could not be used safely and were ignored`);
  const found = Object.keys(roles).length;
  if (found === 0) {
    const why = problems.length > 0 ? problems.join("; ") : "the model could not tell who is who";
    return { warning: rolesWarning(`speaker roles are unknown: ${why}; ${without}`) };
  }
  if (problems.length > 0) return { roles, warning: rolesWarning(`speaker roles are incomplete: ${problems.join("; ")}`) };
  return unsure > 0 ? { roles, warning: rolesWarning(`the model could name only the ${Object.values(roles).join(" and ")}; the other speaker's quotes show speaker labels`) } : { roles };
}
