import { DEFAULT_SOAP_CONFIG, type SoapConfig } from "@org/soap-prompts";
import { PII_POLICIES, type PiiPolicy } from "../clients/transcripts/create-transcript-params.js";
import { RequestValidationError, type ValidationIssue } from "../errors/response-validation-error.js";
import type { TranscriptionParams } from "./visit-ports.js";

const POLICIES: ReadonlySet<string> = new Set(PII_POLICIES);

function isPiiPolicy(p: string): p is PiiPolicy {
  return POLICIES.has(p);
}

/**
 * Turns a config's `transcription` block (`@org/soap-prompts`) into `POST /v2/transcript`
 * parameters, checking each PII policy name against AssemblyAI's list. Returns fresh arrays (the
 * config may be frozen).
 *
 * @throws {RequestValidationError} naming the unknown policies' positions
 * @example
 * ```ts
 * const config = parseSoapConfig(JSON.parse(raw));
 * await runVisit(input, { ...rest, transcription: transcriptionParams(config.transcription) });
 * ```
 */
export function transcriptionParams(t: SoapConfig["transcription"]): TranscriptionParams {
  const { redact_pii_policies, speech_models, keyterms_prompt, ...rest } = t;
  const out: TranscriptionParams = { ...rest };
  if (speech_models !== undefined) out.speech_models = [...speech_models];
  if (keyterms_prompt !== undefined) out.keyterms_prompt = [...keyterms_prompt];
  if (redact_pii_policies !== undefined) {
    const issues: ValidationIssue[] = [];
    redact_pii_policies.forEach((p, i) => {
      if (!isPiiPolicy(p)) issues.push({ path: ["redact_pii_policies", i], message: "not an AssemblyAI PII policy" });
    });
    if (issues.length > 0) {
      throw new RequestValidationError(
        `Invalid transcription settings: ${issues.map((i) => i.path.join(".")).join(", ")} not an AssemblyAI PII policy.`,
        { issues },
      );
    }
    out.redact_pii_policies = redact_pii_policies.filter(isPiiPolicy);
  }
  return out;
}

/**
 * The default transcription parameters: `DEFAULT_SOAP_CONFIG.transcription` (speaker labels, PII
 * redaction with hash substitution), as fresh objects.
 *
 * @example
 * ```ts
 * const transcription = { ...defaultTranscriptionParams(), keyterms_prompt: ["metformin"] };
 * ```
 */
export function defaultTranscriptionParams(): TranscriptionParams {
  return transcriptionParams(DEFAULT_SOAP_CONFIG.transcription);
}
