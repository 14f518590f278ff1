import { DEFAULT_SPEAKER_ROLES } from "../clients/gateway/gateway-client.js";
import type { NoteWarning, NoteWarningCode } from "../note/soap-note.js";
import { abortAware, untilAborted } from "./abort.js";
import type { VisitGateway } from "./visit-ports.js";

/** Warning code of a note written without (some) speaker roles because identification failed. */
export const ROLES_WARNING_CODE = "roles_unavailable" satisfies NoteWarningCode;

// Labels and roles go into the prompt outside the transcript fence (same rule as @org/soap-prompts'
// template input), so an odd answer from the gateway is dropped rather than failing the visit.
const SAFE_LABEL = /^[^\p{Cc}<>{}`]{1,64}$/u;

/** Roles found, or the warning that says why there are none. */
export interface RolesOutcome {
  roles?: Record<string, string>;
  warning?: NoteWarning;
}

function warning(message: string): NoteWarning {
  return { code: ROLES_WARNING_CODE, message };
}

/**
 * Asks the gateway which speaker label is the clinician and which the patient. Never fails the
 * visit: an error (other than an abort) becomes a warning and the note is written without roles.
 */
export async function identifyRoles(gateway: VisitGateway, transcriptId: string, signal: AbortSignal | undefined): Promise<RolesOutcome> {
  let mapping: Record<string, string>;
  try {
    const found = await untilAborted(
      gateway.identifySpeakerRoles(transcriptId, DEFAULT_SPEAKER_ROLES, signal ? { signal } : undefined),
      signal,
      "while identifying speaker roles",
    );
    mapping = found.mapping;
  } catch (err) {
    const propagated = abortAware(err, signal, "while identifying speaker roles");
    if (signal?.aborted) throw propagated;
    const name = err instanceof Error ? err.name : "unknown error";
    return { warning: warning(`speaker role identification failed (${name}); the note was written without speaker roles`) };
  }
  const roles: Record<string, string> = {};
  let dropped = 0;
  for (const [label, role] of Object.entries(mapping)) {
    if (SAFE_LABEL.test(label) && SAFE_LABEL.test(role)) roles[label] = role;
    else dropped++;
  }
  if (Object.keys(roles).length === 0) {
    return { warning: warning("speaker role identification found no roles; the note was written without speaker roles") };
  }
  return dropped > 0
    ? { roles, warning: warning(`${dropped} speaker role(s) from the gateway were not usable labels and were left out`) }
    : { roles };
}
