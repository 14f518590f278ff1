import { SAFE_HARBOR_POLICIES } from "@org/soap-prompts";
import { PII_POLICIES, type PiiPolicy } from "../clients/transcripts/create-transcript-params.js";
import { RequestValidationError, type ValidationIssue } from "../errors/response-validation-error.js";
import type { RedactionRecord } from "../note/soap-note.js";
import type { ScrubberPolicy } from "../redact-text/scrub-policies.js";
import type { TextRedactionPlan } from "./text-redaction.js";
import type { TranscriptionParams } from "./visit-ports.js";

const KNOWN: ReadonlySet<string> = new Set(PII_POLICIES);

/** Names that stand for the HIPAA Safe Harbor preset in a policy list (`medical,person_age`). */
export const PRESET_NAMES: readonly string[] = ["medical", "hipaa", "safe_harbor"];

/**
 * A caller's change to the planned redaction: `false` turns it off, `true` keeps it on (the config's
 * policies), an object replaces the policies and/or the substitution. Policy lists may name the preset
 * (`"medical"`) beside AssemblyAI policy names.
 */
export type RedactionOverride = boolean | { policies?: readonly string[] | undefined; substitution?: "hash" | "entity_name" | undefined };

/**
 * Expands a policy list: preset names become the Safe Harbor policies, AssemblyAI names are kept,
 * duplicates dropped, order kept.
 * @throws {RequestValidationError} naming every unknown policy and its position, or an empty list.
 * @example expandPolicies(["medical", "person_age"]) // Safe Harbor policies + "person_age"
 */
export function expandPolicies(names: readonly string[], field = "redact_pii_policies"): PiiPolicy[] {
  const out = new Set<PiiPolicy>();
  const issues: ValidationIssue[] = [];
  names.forEach((raw, i) => {
    const name = raw.trim();
    if (PRESET_NAMES.includes(name)) {
      for (const p of SAFE_HARBOR_POLICIES) out.add(p as PiiPolicy);
    } else if (KNOWN.has(name)) {
      out.add(name as PiiPolicy);
    } else {
      issues.push({ path: [field, i], message: `unknown redaction policy "${name}" (${field}[${i}])` });
    }
  });
  if (issues.length > 0) {
    const unknown = issues.map((i) => i.message.slice(i.message.indexOf('"'))).join(", ");
    throw new RequestValidationError(
      `Unknown redaction policy ${unknown}: use "medical" (the HIPAA Safe Harbor preset) or AssemblyAI PiiPolicy names such as person_name, phone_number.`,
      { issues },
    );
  }
  if (out.size === 0) {
    throw new RequestValidationError('No redaction policies given: name some (or "medical"), or turn redaction off explicitly.', {
      issues: [{ path: [field], message: "empty" }],
    });
  }
  return [...out];
}

/** The transcription parameters with a redaction override applied. Never mutates its input. */
export function applyRedaction(t: TranscriptionParams, override: RedactionOverride | undefined): TranscriptionParams {
  if (override === undefined || override === true) {
    if (override === true && t.redact_pii !== true) return withRedaction(t, [...SAFE_HARBOR_POLICIES] as PiiPolicy[], "hash");
    return t;
  }
  if (override === false) {
    const { redact_pii_policies: _p, redact_pii_sub: _s, ...rest } = t;
    return { ...rest, redact_pii: false };
  }
  const policies = override.policies !== undefined ? expandPolicies(override.policies) : t.redact_pii === true ? t.redact_pii_policies : undefined;
  return withRedaction(t, policies ?? ([...SAFE_HARBOR_POLICIES] as PiiPolicy[]), override.substitution ?? t.redact_pii_sub ?? "hash");
}

function withRedaction(t: TranscriptionParams, policies: PiiPolicy[], sub: "hash" | "entity_name"): TranscriptionParams {
  return { ...t, redact_pii: true, redact_pii_policies: [...policies], redact_pii_sub: sub };
}

/**
 * What a note records of the redaction that transcription parameters asked AssemblyAI for. A text
 * dialogue never goes through AssemblyAI: its note records {@link textRedactionRecord} instead.
 */
export function redactionRecord(t: TranscriptionParams): RedactionRecord {
  if (t.redact_pii !== true) return { applied: false };
  const record: RedactionRecord = { applied: true, policies: [...(t.redact_pii_policies ?? [])] };
  if (t.redact_pii_sub !== undefined && t.redact_pii_sub !== null) record.substitution = t.redact_pii_sub;
  return record;
}

/**
 * What a note written from a text dialogue records of its redaction: the local scrubber's policies,
 * substitution and counts (`applied` when it looked for at least one policy), with the user's
 * statement when there was one; or `{ applied: false, statement: "no_redact" }` when redaction was off.
 *
 * @example
 * ```ts
 * textRedactionRecord({ action: "scrub", policies: ["phone_number"], substitution: "hash" }, { phone_number: 1 });
 * // { applied: true, method: "local-scrubber", policies: ["phone_number"], substitution: "hash", found: { phone_number: 1 } }
 * ```
 */
export function textRedactionRecord(decision: TextRedactionPlan, found: Partial<Record<ScrubberPolicy, number>> = {}): RedactionRecord {
  if (decision.action === "send_as_is") return { applied: false, statement: decision.statement };
  const record: RedactionRecord = {
    applied: decision.policies.length > 0,
    method: "local-scrubber",
    policies: [...decision.policies],
    substitution: decision.substitution,
    found: { ...found },
  };
  if (decision.action === "scrub" && decision.statement !== undefined) record.statement = decision.statement;
  return record;
}
