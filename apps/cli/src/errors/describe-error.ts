import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  PlanMismatchError,
  RequestValidationError,
  SoapNotesError,
  UnredactedTextError,
} from "@org/soap-core/errors";
import { ConfigError, SoapPromptsError, TemplateNotFoundError } from "@org/soap-prompts/errors";
import { CliError, EXIT_CODES, type ExitCode, internalErrorMessage } from "./cli-errors.js";
import { describeNodeFsError, FileSystemError } from "./fs-message.js";
import { describeConnectionFailure } from "./network-message.js";

/**
 * Why a text dialogue was not sent, and the flags that decide it (core's `UnredactedTextError`, in
 * the CLI's words). No transcript text.
 */
export const TEXT_REFUSAL =
  "refusing to send a text dialogue to AssemblyAI's LLM Gateway: AssemblyAI redacts only audio it transcribes, and the local scrubber " +
  "removes phone numbers, emails, SSNs, record and account numbers, URLs, IP addresses and dates of birth, but not names. Nothing was sent. " +
  "Add --deidentified if the text is already de-identified (the scrubber still runs), or --no-redact to send it as it is " +
  "(or use the local sandbox: --sandbox, or no ASSEMBLYAI_API_KEY)";

/** What the top-level handler prints and the exit code it sets. */
export interface ErrorReport {
  message: string;
  exitCode: ExitCode;
}

/**
 * Turns any thrown value into one line and an exit code, by the error's class. The error classes are
 * small modules of their own (no zod, no clients), so the bundle's start-up chunk stays light.
 * Messages of our own packages never contain keys or transcript text (their contract); a network
 * failure names the host and the likely cause (exit 4), a file-system error the path and the fix
 * (exit 2); anything else is a bug (exit 70), reported by its name and first line only.
 */
export function describeError(err: unknown): ErrorReport {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (!(err instanceof Error)) return { message: internalErrorMessage(`unexpected value thrown: ${String(err).slice(0, 200)}`), exitCode: EXIT_CODES.internal };
  const message = err.message;
  if (err instanceof AuthenticationError) {
    return { message: "AssemblyAI rejected the API key (401): check ASSEMBLYAI_API_KEY (and --region: keys are per region)", exitCode: EXIT_CODES.auth };
  }
  if (err instanceof PermissionDeniedError) return { message: `AssemblyAI refused access (403): ${message}; check ASSEMBLYAI_API_KEY`, exitCode: EXIT_CODES.auth };
  if (err instanceof TemplateNotFoundError) return { message: `unknown template: ${message}`, exitCode: EXIT_CODES.usage };
  if (err instanceof ConfigError) return { message: `${message} (fix the config file or the flag named)`, exitCode: EXIT_CODES.usage };
  if (err instanceof RequestValidationError) return { message: `invalid request: ${message}`, exitCode: EXIT_CODES.usage };
  if (err instanceof PlanMismatchError) return { message, exitCode: EXIT_CODES.usage };
  if (err instanceof UnredactedTextError) return { message: TEXT_REFUSAL, exitCode: EXIT_CODES.usage };
  if (err instanceof NotFoundError) {
    return { message: `not found at AssemblyAI (${err.status}): ${message}; check the id, and --region (transcripts live in one region)`, exitCode: EXIT_CODES.someFailed };
  }
  if (err instanceof AbortError) return { message: "interrupted", exitCode: EXIT_CODES.interrupted };
  if (err instanceof ConnectionError) return { message: describeConnectionFailure(err), exitCode: EXIT_CODES.network };
  // Core's and prompts' own failures (API answers, timeouts, failed transcripts, bad answers): the work failed.
  if (err instanceof SoapNotesError || err instanceof SoapPromptsError) return { message: `${err.name}: ${message}`, exitCode: EXIT_CODES.someFailed };
  if (err instanceof FileSystemError) return { message, exitCode: EXIT_CODES.usage };
  const fs = describeNodeFsError(err);
  if (fs !== undefined) return { message: fs, exitCode: EXIT_CODES.usage };
  return { message: internalErrorMessage(`${err.name}: ${message.split("\n")[0] ?? ""}`), exitCode: EXIT_CODES.internal };
}
