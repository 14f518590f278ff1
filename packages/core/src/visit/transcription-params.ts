import { DEFAULT_SOAP_CONFIG, type SoapConfig } from "@org/soap-prompts";
import { expandPolicies } from "./redaction.js";
import type { TranscriptionParams } from "./visit-ports.js";

/**
 * Turns a config's `transcription` block (`@org/soap-prompts`) into `POST /v2/transcript`
 * parameters: policy names checked against AssemblyAI's list (and `"medical"` expanded to the Safe
 * Harbor preset) by the same function that checks `--redact` and the edge API's `redaction`. Returns
 * fresh arrays (the config may be frozen).
 *
 * @throws {RequestValidationError} naming the unknown policies and their positions
 */
export function transcriptionParams(t: SoapConfig["transcription"]): TranscriptionParams {
  const { redact_pii_policies, speech_models, keyterms_prompt, ...rest } = t;
  const out: TranscriptionParams = { ...rest };
  if (speech_models !== undefined) out.speech_models = [...speech_models];
  if (keyterms_prompt !== undefined) out.keyterms_prompt = [...keyterms_prompt];
  if (redact_pii_policies !== undefined) out.redact_pii_policies = expandPolicies(redact_pii_policies, "redact_pii_policies");
  return out;
}

/** The default transcription parameters: `DEFAULT_SOAP_CONFIG.transcription`, as fresh objects. */
export function defaultTranscriptionParams(): TranscriptionParams {
  return transcriptionParams(DEFAULT_SOAP_CONFIG.transcription);
}
