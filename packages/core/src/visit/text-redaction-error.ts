import { SoapNotesError } from "../errors/soap-notes-error.js";

/**
 * A text dialogue was about to go to AssemblyAI's LLM Gateway without the caller saying how it may:
 * AssemblyAI redacts only what it transcribes, and the local scrubber finds structured identifiers
 * (phone numbers, dates of birth…) but not names. Thrown before anything is sent. Fix: plan the
 * visit with `deidentified: true` (the text is already de-identified; the scrubber still runs) or
 * `redaction: false` (send it as it is), or run it on the sandbox.
 *
 * @example
 * ```ts
 * if (err instanceof UnredactedTextError) console.error("state --deidentified or --no-redact");
 * ```
 */
export class UnredactedTextError extends SoapNotesError {
  override name = "UnredactedTextError";
}
