import { ConfigError, parseSoapConfig, type SoapConfig } from "@org/soap-prompts";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { expandPolicies } from "./redaction.js";

/**
 * Validates a raw config (`soap.config.json`, the edge API's `SOAP_CONFIG`) as `@org/soap-prompts`
 * does, then checks what only core knows: every `transcription.redact_pii_policies` entry is an
 * AssemblyAI policy (or `"medical"`, the Safe Harbor preset). Both apps parse their config with this,
 * so a bad policy fails when the config is read, not on the first visit.
 *
 * @throws {ConfigError} naming every offending field, e.g. `transcription.redact_pii_policies[1]`.
 * @example
 * ```ts
 * const config = parseVisitConfig(JSON.parse(await readFile("soap.config.json", "utf8")));
 * ```
 */
export function parseVisitConfig(raw: unknown): SoapConfig {
  const config = parseSoapConfig(raw);
  const policies = config.transcription.redact_pii_policies;
  if (policies !== undefined) {
    try {
      expandPolicies(policies, "transcription.redact_pii_policies");
    } catch (err) {
      if (!(err instanceof RequestValidationError)) throw err;
      throw new ConfigError(
        err.issues.map((i) => ({ path: `transcription.redact_pii_policies${i.path.length > 1 ? `[${String(i.path[1])}]` : ""}`, message: i.message.replace(/ \(.*\)$/, "") })),
        { cause: err },
      );
    }
  }
  return config;
}
