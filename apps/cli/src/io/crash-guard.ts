import { EXIT_CODES, internalErrorMessage } from "../errors/cli-errors.js";

/** What the crash guard needs of the process. */
export interface CrashProcess {
  on(event: "uncaughtException" | "unhandledRejection", listener: (err: unknown) => void): void;
  exit(code: number): void;
  /** Prints the one error of the run (the caller formats it, and adds the stack with SOAP_NOTES_DEBUG=1). */
  tell(err: unknown, message: string, exitCode: number): void;
}

function firstLine(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message.split("\n")[0] ?? ""}`;
  return `unexpected value thrown: ${String(err).slice(0, 200)}`;
}

/**
 * Turns an error nothing caught (a bug: a rejected promise no one awaited, an `error` event with no
 * listener) into one line on stderr and exit code 70 (EX_SOFTWARE), instead of Node's stack trace
 * and exit code 1, which means "some visits failed". The stack is printed only with
 * `SOAP_NOTES_DEBUG=1`. The output lock is still released by its `exit` listener.
 */
export function installCrashGuard(proc: CrashProcess): void {
  let crashed = false;
  const onCrash = (err: unknown): void => {
    if (crashed) return;
    crashed = true;
    proc.tell(err, internalErrorMessage(firstLine(err)), EXIT_CODES.internal);
    proc.exit(EXIT_CODES.internal);
  };
  proc.on("uncaughtException", onCrash);
  proc.on("unhandledRejection", onCrash);
}
