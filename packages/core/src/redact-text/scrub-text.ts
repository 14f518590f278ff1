import { findDatesOfBirth } from "./find-dob.js";
import { findLabelled } from "./find-labelled.js";
import { findShaped } from "./find-shaped.js";
import type { ScrubFinding } from "./finding.js";
import { SCRUBBER_POLICIES, scrubberPoliciesOf, type ScrubberPolicy } from "./scrub-policies.js";

/** Options of {@link scrubText}. */
export interface ScrubOptions {
  /**
   * AssemblyAI policy names to remove. Names the scrubber cannot find by rule (`person_name`,
   * `location`…) are ignored: see {@link SCRUBBER_POLICIES}.
   * @default SCRUBBER_POLICIES (every policy it can find)
   */
  policies?: readonly string[] | undefined;
  /**
   * `hash`: every character of the identifier but spaces becomes `#` (its length is kept, as
   * AssemblyAI's `hash`); `entity_name`: the identifier becomes `[PHONE_NUMBER]`, `[DATE_OF_BIRTH]`…
   * @default "hash"
   */
  substitution?: "hash" | "entity_name" | undefined;
}

/** What {@link scrubText} returns: the scrubbed text and what was removed (policy and offsets, never values). */
export interface ScrubResult {
  text: string;
  /** In the input's offsets, sorted, never overlapping. */
  findings: ScrubFinding[];
}

/** Sorted, overlap-free findings: of two overlapping ones, the one starting first (then the longer) wins. */
function settle(findings: ScrubFinding[]): ScrubFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ScrubFinding[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && f.start < last.end) {
      if (f.end > last.end) last.end = f.end;
      continue;
    }
    out.push({ ...f });
  }
  return out;
}

function replacement(text: string, policy: ScrubberPolicy, substitution: "hash" | "entity_name"): string {
  return substitution === "entity_name" ? `[${policy.toUpperCase()}]` : text.replace(/\S/g, "#");
}

/**
 * Finds the structured identifiers of a text, for the policies asked for: phone numbers, emails,
 * SSNs, medical record / member / account / licence / passport / card numbers, URLs, IP addresses
 * and dates of birth. Names are not found (no rule finds them reliably). Runs in linear time.
 *
 * @example
 * ```ts
 * findIdentifiers("call me at 312-555-0147"); // [{ policy: "phone_number", start: 11, end: 23 }]
 * ```
 */
export function findIdentifiers(text: string, policies: readonly string[] = SCRUBBER_POLICIES): ScrubFinding[] {
  const wanted = new Set(scrubberPoliciesOf(policies));
  if (wanted.size === 0) return [];
  const found = [...findShaped(text, wanted), ...findLabelled(text, wanted)];
  if (wanted.has("date_of_birth")) found.push(...findDatesOfBirth(text));
  return settle(found);
}

/**
 * Removes the structured identifiers of a text locally, before it is sent anywhere, the way
 * AssemblyAI's `redact_pii_sub` would (`####` or `[PHONE_NUMBER]`). Clinical numbers stay: doses,
 * vitals, lab values, durations and dates that are not birth dates. Pure and portable; linear time.
 * Measured recall and precision: docs/text-redaction.md.
 *
 * @example
 * ```ts
 * scrubText("[patient] DOB 07/01/1954, cell 312-555-0147. I take 50 mg.").text;
 * // "[patient] DOB ##########, cell ############. I take 50 mg."
 * ```
 */
export function scrubText(text: string, options: ScrubOptions = {}): ScrubResult {
  const findings = findIdentifiers(text, options.policies ?? SCRUBBER_POLICIES);
  const substitution = options.substitution ?? "hash";
  let out = "";
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + replacement(text.slice(f.start, f.end), f.policy, substitution);
    at = f.end;
  }
  return { text: out + text.slice(at), findings };
}
