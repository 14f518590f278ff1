import type { PiiPolicy } from "../clients/transcripts/create-transcript-params.js";

/**
 * The AssemblyAI `PiiPolicy` classes the local text scrubber can find by rule, reliably enough to
 * measure (docs/text-redaction.md): structured identifiers with a fixed shape, or a number right
 * after a label that says what it is. Names, places, organisations, occupations and most dates
 * cannot be found by rules and are NOT in this list.
 *
 * @example
 * ```ts
 * SCRUBBER_POLICIES.includes("phone_number"); // true
 * SCRUBBER_POLICIES.includes("person_name");  // false: names need a model
 * ```
 */
export const SCRUBBER_POLICIES = [
  "phone_number",
  "email_address",
  "us_social_security_number",
  "healthcare_number",
  "account_number",
  "credit_card_number",
  "drivers_license",
  "passport_number",
  "url",
  "ip_address",
  "date_of_birth",
] as const satisfies readonly PiiPolicy[];

/** A policy the local scrubber can find: see {@link SCRUBBER_POLICIES}. */
export type ScrubberPolicy = (typeof SCRUBBER_POLICIES)[number];

const SCRUBBABLE: ReadonlySet<string> = new Set(SCRUBBER_POLICIES);

/**
 * The policies of a list that the scrubber can find, in the scrubber's order, without duplicates.
 * @example scrubberPoliciesOf(["person_name", "phone_number"]) // ["phone_number"]
 */
export function scrubberPoliciesOf(policies: readonly string[]): ScrubberPolicy[] {
  const wanted = new Set(policies.filter((p) => SCRUBBABLE.has(p)));
  return SCRUBBER_POLICIES.filter((p) => wanted.has(p));
}
