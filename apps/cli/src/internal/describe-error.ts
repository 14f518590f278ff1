import { CliError, EXIT_CODES, type ExitCode } from "./errors.js";

/** What the top-level handler prints and the exit code it sets. */
export interface ErrorReport {
  message: string;
  exitCode: ExitCode;
}

function field(err: object, key: string): unknown {
  return (err as Record<string, unknown>)[key];
}

/**
 * Turns any thrown value into one line and an exit code. Errors of core and prompts are recognised by
 * `name` so that this module loads nothing heavy (it runs for every command, `--help` included).
 * Messages of our own packages never contain keys or transcript text (their contract); anything else
 * unknown is reported by its name and message only.
 */
export function describeError(err: unknown): ErrorReport {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (typeof err !== "object" || err === null) {
    return { message: `unexpected error: ${String(err)}`, exitCode: EXIT_CODES.someFailed };
  }
  const name = String(field(err, "name") ?? "Error");
  const message = String(field(err, "message") ?? "");
  switch (name) {
    case "AuthenticationError":
      return {
        message: "AssemblyAI rejected the API key (401): check ASSEMBLYAI_API_KEY (and --region: keys are per region)",
        exitCode: EXIT_CODES.auth,
      };
    case "PermissionDeniedError":
      return { message: `AssemblyAI refused access (403): ${message}; check ASSEMBLYAI_API_KEY`, exitCode: EXIT_CODES.auth };
    case "TemplateNotFoundError":
      return { message: `unknown template: ${message}`, exitCode: EXIT_CODES.usage };
    case "ConfigError":
      return { message: `${message} (fix the config file or the flag named)`, exitCode: EXIT_CODES.usage };
    case "RequestValidationError":
      return { message: `invalid request: ${message}`, exitCode: EXIT_CODES.usage };
    case "NotFoundError":
      return { message: `not found at AssemblyAI (404): ${message}; check the id, and --region (transcripts live in one region)`, exitCode: EXIT_CODES.someFailed };
    case "AbortError":
      return { message: "interrupted", exitCode: EXIT_CODES.interrupted };
    default:
      return { message: `${name}: ${message}`, exitCode: EXIT_CODES.someFailed };
  }
}
