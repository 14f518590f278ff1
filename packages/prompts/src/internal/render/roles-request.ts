import type { TemplateInput } from "../types.js";

// Shared by the templates that label speaker roles inside the generation request (soap-complete@1.1,
// soap-sectioned@1.1, soap-structured@3). Released templates are locked by hash: changing any text
// here changes their hashes, so a change needs new template versions that use new constants.

/** How the answer line that names the roles starts (free-text modes). */
export const ROLES_LINE_PREFIX = "Speaker roles:";

/**
 * Whether a request for this input can ask the model who is who: only when the model sees speaker
 * labels (inline text; with `transcript_id` the gateway inserts plain text without labels) and the
 * roles are not already given (`speakerRoles`).
 */
export function canAskRoles(input: TemplateInput): boolean {
  return input.transcript.kind === "text" && Object.keys(input.speakerRoles ?? {}).length === 0;
}

/** The instruction of the free-text modes: one machine-readable last line. */
export const ROLES_LINE_TASK = [
  "The transcript labels each turn with its speaker. After your answer, on a last line of its own, say which label is the clinician and which is the patient, in exactly this form:",
  `${ROLES_LINE_PREFIX} {"clinician": "<label>", "patient": "<label>"}`,
  'Copy each label exactly as the transcript writes it. If you cannot tell who one of them is, write "unknown" for that role.',
].join("\n");

/** The instruction of the structured mode: the `speaker_roles` field. */
export const ROLES_FIELD_TASK =
  'The transcript labels each turn with its speaker. In "speaker_roles", give the label of the speaker who is the clinician and the label of the speaker who is the patient, copied exactly as the transcript writes them; write "unknown" for a role you cannot tell.';
