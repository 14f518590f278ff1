import type { FaultSpec } from "@org/soap-sandbox";
import type { Variant } from "./scenario.js";

/** A fault spec without its route (the scenario names the route). */
export type FaultOn = Omit<FaultSpec, "route">;

/**
 * Create faults after which AssemblyAI did make the transcript but the Worker cannot know it (core
 * does not resend such a create; with the lookup failing too, the job is `transcript_create_uncertain`).
 */
export const UNCERTAIN_CREATES: readonly Variant<FaultOn>[] = [
  { label: "500 after the create", value: { kind: "status", status: 500, after: true, times: 1 } },
  { label: "502 after the create", value: { kind: "status", status: 502, after: true, times: 1 } },
  { label: "504 after the create", value: { kind: "status", status: 504, after: true, times: 1 } },
  { label: "connection reset after the create", value: { kind: "reset", after: true, times: 1 } },
  { label: "no answer after the create (hang)", value: { kind: "hang", after: true, times: 1 } },
];

/** The answer to a create whose outcome is unknown. */
export const UNCERTAIN_ANSWER = { status: 502, code: "transcript_create_uncertain", phrase: "was not sent again" } as const;

/** Transient create faults core survives by sending the create again (no transcript made before). */
export const RESENT_CREATES: readonly Variant<FaultOn>[] = [
  { label: "503 once on a create (core resends it)", value: { kind: "status", status: 503, times: 1 } },
  { label: "429 once on a create (core retries after Retry-After)", value: { kind: "status", status: 429, retryAfterSeconds: 1, times: 1 } },
];

/** A 5xx status, for labels and faults. */
export const STATUSES_5XX = [500, 502, 503, 504] as const;
