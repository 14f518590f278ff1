/**
 * The default redaction preset: the HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)) mapped to
 * AssemblyAI `PiiPolicy` names (openapi.yml). Clinical content (conditions, drugs, injuries,
 * procedures, durations, ages under 90) is deliberately NOT redacted: a SOAP note needs it, and
 * Safe Harbor does not ask for it. See the README for the table and the known gaps.
 */
export const HIPAA_SAFE_HARBOR: ReadonlyArray<{ identifier: string; policies: readonly string[] }> = [
  { identifier: "(A) names", policies: ["person_name"] },
  { identifier: "(B) geographic subdivisions smaller than a state", policies: ["location"] },
  { identifier: "(C) dates (except year) directly related to the individual", policies: ["date", "date_of_birth"] },
  { identifier: "(D) telephone numbers / (E) fax numbers", policies: ["phone_number"] },
  { identifier: "(F) email addresses", policies: ["email_address"] },
  { identifier: "(G) social security numbers", policies: ["us_social_security_number"] },
  { identifier: "(H) medical record numbers / (I) health plan beneficiary numbers", policies: ["healthcare_number"] },
  {
    identifier: "(J) account numbers",
    policies: ["account_number", "banking_information", "credit_card_number", "credit_card_cvv", "credit_card_expiration"],
  },
  { identifier: "(K) certificate/license numbers", policies: ["drivers_license", "passport_number"] },
  { identifier: "(L) vehicle identifiers and serial numbers, license plates", policies: ["vehicle_id"] },
  { identifier: "(M) device identifiers and serial numbers", policies: ["number_sequence"] },
  { identifier: "(N) web URLs", policies: ["url"] },
  { identifier: "(O) IP addresses", policies: ["ip_address"] },
  { identifier: "(R) any other unique identifying number, characteristic or code", policies: ["username", "password", "filename"] },
  // Not Safe Harbor identifiers, but identifying in a clinic conversation (the seed tutorial redacts them too).
  { identifier: "(extra) employer and job, as the seed tutorial redacts", policies: ["organization", "occupation"] },
];

/** The AssemblyAI `PiiPolicy` names of the medical preset, in a stable order, without duplicates. */
export const MEDICAL_REDACTION_POLICIES: readonly string[] = [...new Set(HIPAA_SAFE_HARBOR.flatMap((r) => r.policies))];

/** Every `PiiPolicy` name AssemblyAI accepts (openapi.yml `PiiPolicy`), for validating `--redact`. */
export const PII_POLICIES: readonly string[] = [
  "account_number", "banking_information", "blood_type", "credit_card_cvv", "credit_card_expiration",
  "credit_card_number", "date", "date_interval", "date_of_birth", "drivers_license", "drug", "duration",
  "email_address", "event", "filename", "gender_sexuality", "healthcare_number", "injury", "ip_address",
  "language", "location", "marital_status", "medical_condition", "medical_process", "money_amount",
  "nationality", "number_sequence", "occupation", "organization", "passport_number", "password",
  "person_age", "person_name", "phone_number", "physical_attribute", "political_affiliation", "religion",
  "statistics", "time", "url", "us_social_security_number", "username", "vehicle_id", "zodiac_sign",
];

/** The redaction part of a transcript request. */
export interface RedactionParams {
  redact_pii: boolean;
  redact_pii_policies?: string[];
  redact_pii_sub?: "hash" | "entity_name";
}

/**
 * Expands a `--redact` value into AssemblyAI parameters. `"medical"` (the default) is the preset above;
 * a comma list names policies, and may include `medical` to extend it (`medical,person_age`);
 * `false` (from `--no-redact`) turns redaction off.
 * Throws a `RangeError` naming the unknown policy (the caller turns it into a usage error).
 */
export function redactionParams(spec: string | false, sub: "hash" | "entity_name" = "hash"): RedactionParams {
  if (spec === false || spec === "none") return { redact_pii: false };
  const policies = new Set<string>();
  for (const raw of spec.split(",")) {
    const name = raw.trim();
    if (name === "") continue;
    if (name === "medical" || name === "hipaa") {
      for (const p of MEDICAL_REDACTION_POLICIES) policies.add(p);
    } else if (PII_POLICIES.includes(name)) {
      policies.add(name);
    } else {
      throw new RangeError(`unknown redaction policy "${name}" (use "medical" or AssemblyAI PiiPolicy names such as person_name,phone_number)`);
    }
  }
  if (policies.size === 0) throw new RangeError('no redaction policies given (use "medical" or --no-redact)');
  return { redact_pii: true, redact_pii_policies: [...policies], redact_pii_sub: sub };
}
