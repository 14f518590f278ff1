/**
 * Process exit codes of `soap-notes` (documented in the README and in `--help`): one meaning each,
 * so a script can tell "some visits failed" from "could not reach AssemblyAI" from "a bug".
 */
export const EXIT_CODES = {
  ok: 0,
  /** Some visits (or the one visit) failed; the others are done. */
  someFailed: 1,
  /** Usage, config, input or file problem found before anything was sent. */
  usage: 2,
  /** AssemblyAI refused the key. */
  auth: 3,
  /** AssemblyAI (or the proxy in front of it) could not be reached. */
  network: 4,
  /** An unexpected error: a bug in soap-notes (EX_SOFTWARE of sysexits.h). */
  internal: 70,
  /** SIGINT (Ctrl-C): 128 + 2, as a shell reports it. */
  interrupted: 130,
  /** SIGTERM (`kill`, `docker stop`, CI cancel): 128 + 15. */
  terminated: 143,
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

/** The signals that stop a run cleanly (a checkpoint, the ledger flushed, the lock released). */
export type StopSignal = "SIGINT" | "SIGTERM";

/** The exit code of a run stopped by `signal`: 130 for SIGINT, 143 for SIGTERM (128 + the signal's number). */
export function signalExitCode(signal: StopSignal): ExitCode {
  return signal === "SIGTERM" ? EXIT_CODES.terminated : EXIT_CODES.interrupted;
}

/**
 * Ctrl-C or SIGTERM: exit code 130 (SIGINT) or 143 (SIGTERM) after the ledger is flushed. The
 * top-level handler sets the code of the signal actually received when the thrower did not know it.
 */
export class InterruptedError extends CliError {
  readonly signal: StopSignal | undefined;

  constructor(message: string, signal?: StopSignal) {
    super(message, signal === undefined ? EXIT_CODES.interrupted : signalExitCode(signal));
    this.name = "InterruptedError";
    this.signal = signal;
  }
}

/**
 * AssemblyAI could not be reached (DNS, refused, reset, TLS, proxy): exit code 4. The message names
 * the host, the likely cause and what to check.
 */
export class NetworkError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.network, options);
    this.name = "NetworkError";
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

/** How an unexpected error (a bug) is reported: one line, the stack only with SOAP_NOTES_DEBUG=1. */
export function internalErrorMessage(what: string): string {
  return `internal error: ${what} (a bug in soap-notes: run again with SOAP_NOTES_DEBUG=1 for the stack trace, and report it)`;
}
