import type { NoteWarning } from "../note/soap-note.js";
import type { RolesClaim } from "../parse/roles-line.js";
import { resolveRolesClaim, rolesWarning, speakerLabels } from "./answer-roles.js";
import type { NoteTranscript, TranscriptMode } from "./note-transcript.js";

/** Input of {@link noteRoles}. */
export interface NoteRolesInput {
  transcript: NoteTranscript;
  transcriptMode: TranscriptMode;
  /** Roles given by the caller or implied by a dialogue's labels. */
  given: Record<string, string> | undefined;
  /** Whether a generation request asked the model to name the roles. */
  asked: boolean;
  /** What the answer said; absent when the request that asked failed. */
  claim: RolesClaim | undefined;
}

/**
 * The roles a note's evidence gets, and the warnings about them. Given roles win over the model's.
 * In `transcript_id` mode the gateway inserts the transcript's plain text without speaker labels, so
 * no model can name them there: unless roles were given (e.g. by `/v1/understanding`), a transcript
 * with speaker labels gets a `roles_unavailable` warning that says so and how to get roles.
 */
export function noteRoles(i: NoteRolesInput): { roles: Record<string, string> | undefined; warnings: NoteWarning[] } {
  const warnings: NoteWarning[] = [];
  let answered: Record<string, string> | undefined;
  if (i.asked) {
    if (i.claim === undefined) {
      warnings.push(rolesWarning("the request that asked for speaker roles failed; quotes show speaker labels instead of clinician/patient"));
    } else {
      const outcome = resolveRolesClaim(i.claim, speakerLabels(i.transcript));
      answered = outcome.roles;
      if (outcome.warning) warnings.push(outcome.warning);
    }
  }
  const merged = { ...answered, ...i.given };
  const roles = Object.keys(merged).length > 0 ? merged : undefined;
  if (roles === undefined && i.transcriptMode === "transcript_id" && speakerLabels(i.transcript).length > 0) {
    warnings.push(
      rolesWarning(
        "speaker roles are unknown: in transcript_id mode the model gets the transcript's plain text without speaker labels, so it cannot name them and quotes show speaker labels; " +
          "send the transcript inline (transcript mode auto or inline) or turn on speaker role identification",
      ),
    );
  }
  return { roles, warnings };
}
