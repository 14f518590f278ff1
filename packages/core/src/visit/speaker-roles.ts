import { DEFAULT_SPEAKER_ROLES } from "../clients/gateway/gateway-client.js";
import { ROLES_WARNING_CODE, rolesWarning, usableRoles, type RolesOutcome } from "../generate/answer-roles.js";
import { abortAware, untilAborted } from "./abort.js";
import type { VisitGateway } from "./visit-ports.js";

/** Warning code of a note written without (some) speaker roles. */
export { ROLES_WARNING_CODE };
export type { RolesOutcome };

/**
 * Asks the gateway (`POST /v1/understanding`, one request on top of the generation) which speaker
 * label is the clinician and which the patient. Never fails the visit: an error (other than an abort)
 * becomes a warning, and the generation request then names the roles itself when it can (inline
 * transcript). With `labels` (the transcript's own speaker labels), a label the transcript does not
 * have is dropped like one that is not usable in a prompt.
 */
export async function identifyRoles(
  gateway: VisitGateway,
  transcriptId: string,
  signal: AbortSignal | undefined,
  labels?: readonly string[],
): Promise<RolesOutcome> {
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
    return { warning: rolesWarning(`speaker role identification failed (${name}, POST /v1/understanding); roles come only from the generation request, when it can name them`) };
  }
  const known = labels && labels.length > 0 ? Object.fromEntries(Object.entries(mapping).filter(([label]) => labels.includes(label))) : mapping;
  const { roles, dropped } = usableRoles(known);
  const left = dropped + (Object.keys(mapping).length - Object.keys(known).length);
  if (Object.keys(roles).length === 0) {
    return { warning: rolesWarning("speaker role identification found no usable roles; roles come only from the generation request, when it can name them") };
  }
  return left > 0 ? { roles, warning: rolesWarning(`${left} speaker role(s) from the gateway were not usable labels of this transcript and were left out`) } : { roles };
}
