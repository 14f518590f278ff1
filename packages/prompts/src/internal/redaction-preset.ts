/**
 * The one redaction default of soap-notes: the HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2))
 * mapped to AssemblyAI `PiiPolicy` names (openapi.yml). It lives beside the config schema because the
 * config's `transcription` block defaults to it; core and both apps take it from here.
 *
 * Clinical content (conditions, drugs, injuries, procedures, durations, ages under 90) is deliberately
 * NOT redacted: a SOAP note needs it, and Safe Harbor does not ask for it.
 */
export const HIPAA_SAFE_HARBOR: ReadonlyArray<{ readonly identifier: string; readonly policies: readonly string[] }> = Object.freeze([
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
]);

/** The AssemblyAI `PiiPolicy` names of {@link HIPAA_SAFE_HARBOR}, in a stable order, without duplicates. */
export const SAFE_HARBOR_POLICIES: readonly string[] = Object.freeze([...new Set(HIPAA_SAFE_HARBOR.flatMap((r) => r.policies))]);
