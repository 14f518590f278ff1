/** Said at the top of every note the local sandbox wrote (`provenance.environment: "sandbox"`). */
export const SANDBOX_NOTICE =
  "Generated on the local soap-notes sandbox from sample fixtures (no AssemblyAI call, no real model): a demonstration, not a clinical note.";

/** The FHIR Composition title of a sandbox note. */
export const SANDBOX_FHIR_TITLE = "SOAP note (sandbox demonstration, not a clinical note)";
