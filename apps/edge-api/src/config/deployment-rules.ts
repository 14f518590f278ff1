import type { SoapConfig } from "@org/soap-prompts";
import type { Bindings } from "./bindings-schema.js";

/** One problem with the bindings, named by the binding it is about (never its value). */
export interface BindingIssue {
  binding: string;
  message: string;
}

/** Whether `url` (or the default, when undefined) is one of AssemblyAI's real hosts. */
export function isRealAssemblyAiHost(url: string | undefined): boolean {
  if (url === undefined) return true;
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  return host === "assemblyai.com" || host.endsWith(".assemblyai.com");
}

/**
 * Rules that span several bindings:
 * - `DEVELOPMENT_MODE=true` (http and private audio URLs, an http public URL) only against a sandbox:
 *   refused while either AssemblyAI base URL is empty (= the real service) or on `*.assemblyai.com`;
 * - `PUBLIC_BASE_URL` must be https outside development (the webhook secret travels in its requests);
 * - `ENFORCE_REDACTION=true` with `SOAP_CONFIG.transcription.redact_pii: false` is a contradiction.
 */
export function deploymentIssues(b: Bindings, soap: SoapConfig | undefined): BindingIssue[] {
  const issues: BindingIssue[] = [];
  const development = b.DEVELOPMENT_MODE === "true";
  if (development) {
    const real = [
      ["ASSEMBLYAI_BASE_URL", b.ASSEMBLYAI_BASE_URL],
      ["ASSEMBLYAI_GATEWAY_URL", b.ASSEMBLYAI_GATEWAY_URL],
    ].filter(([, url]) => isRealAssemblyAiHost(url));
    if (real.length > 0) {
      issues.push({
        binding: "DEVELOPMENT_MODE",
        message:
          `must not be "true" while ${real.map(([name]) => name).join(" and ")} point${real.length === 1 ? "s" : ""} at the real AssemblyAI ` +
          "(empty or *.assemblyai.com): development mode accepts http and private audio URLs. Point both at the sandbox, or set it to \"false\"",
      });
    }
  }
  if (!development && !b.PUBLIC_BASE_URL.startsWith("https://")) {
    issues.push({
      binding: "PUBLIC_BASE_URL",
      message: "must be an https URL (AssemblyAI sends the webhook secret to it); plain http is accepted only with DEVELOPMENT_MODE=\"true\"",
    });
  }
  if (b.ENFORCE_REDACTION === "true" && soap?.transcription.redact_pii === false) {
    issues.push({
      binding: "SOAP_CONFIG",
      message: 'transcription.redact_pii is false while ENFORCE_REDACTION is "true": remove it (the default redacts) or set ENFORCE_REDACTION to "false"',
    });
  }
  return issues;
}
