/** Process exit codes of `soap-notes` (documented in the README). */
export const EXIT_CODES = {
  ok: 0,
  someFailed: 1,
  usage: 2,
  auth: 3,
  interrupted: 130,
} as const;

/** One of {@link EXIT_CODES}' values. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * Base class of every error the CLI throws on purpose. The top-level handler prints `message`
 * (one line, never a key or transcript text) and exits with `exitCode`.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** Bad flags, bad config, unknown template: exit code 2. */
export class UsageError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.usage, options);
    this.name = "UsageError";
  }
}

/** An input the CLI cannot use (missing, empty or non-audio file, bad manifest row): exit code 2. */
export class InputError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.usage, options);
    this.name = "InputError";
  }
}

/** The API refused the key: exit code 3. */
export class AuthError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.auth, options);
    this.name = "AuthError";
  }
}

/** Ctrl-C: exit code 130 after the ledger is flushed. */
export class InterruptedError extends CliError {
  constructor(message: string) {
    super(message, EXIT_CODES.interrupted);
    this.name = "InterruptedError";
  }
}

/** A batch finished but some visits failed: exit code 1 (the summary was already printed). */
export class VisitsFailedError extends CliError {
  readonly failed: number;

  constructor(failed: number, total: number) {
    super(`${failed} of ${total} visits failed (see failures.jsonl in the output folder)`, EXIT_CODES.someFailed);
    this.name = "VisitsFailedError";
    this.failed = failed;
  }
}
