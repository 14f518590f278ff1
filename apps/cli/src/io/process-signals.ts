import { signalExitCode, type StopSignal } from "../errors/cli-errors.js";

/** What the signal hub needs of the process (injected, so it is tested without real signals). */
export interface SignalProcess {
  on(signal: StopSignal, listener: () => void): void;
  off(signal: StopSignal, listener: () => void): void;
  /** Leaves at once (a forced exit: `exit` listeners still run, e.g. the output lock's release). */
  exit(code: number): void;
  /**
   * Prints the one error of the run (the caller formats it: `soap-notes: …`, or JSON under `--json`).
   * `message` may hold a second line: the command to run again.
   */
  tell(message: string, exitCode: number): void;
}

/** SIGINT and SIGTERM, each handled from the first instant of the process. */
export interface SignalHub {
  /**
   * Registers a handler that stops the command's work cleanly (checkpoint, flush, release). While
   * one is registered, the first signal goes to it and the command ends with 130 / 143 itself; a
   * signal that came before the handler was registered is delivered at once. Returns a function
   * that removes the handler.
   */
  onInterrupt(handler: (signal: StopSignal) => void): () => void;
  /** The first stop signal received, if any. */
  received(): StopSignal | undefined;
  /** Removes the process listeners (tests). */
  dispose(): void;
}

const SIGNALS: readonly StopSignal[] = ["SIGINT", "SIGTERM"];

/**
 * Installs SIGINT and SIGTERM listeners at once, so neither kills the process outright at any instant.
 *
 * - While a command has registered a handler ({@link SignalHub.onInterrupt}), the first signal goes
 *   to it: no new work starts, in-flight work stops at its last checkpoint, the ledger is flushed and
 *   the lock released, and the command exits 130 (SIGINT) or 143 (SIGTERM) with the command to resume.
 * - Before any handler is registered (start-up, reading inputs, loading a module), nothing needs
 *   saving: the process prints the command to run again and exits 130 / 143 at once (the output
 *   lock, if taken, is released by its `exit` listener).
 * - A second signal exits at once, with the code of that signal. That is safe at any instant, like
 *   `kill -9`: the ledger is append-only and fsynced, outputs appear only by rename.
 *
 * @param rerun the command line to print for resuming (`soap-notes batch …`).
 */
export function installSignalHub(proc: SignalProcess, rerun: string): SignalHub {
  const handlers = new Set<(signal: StopSignal) => void>();
  let first: StopSignal | undefined;
  let count = 0;
  const listeners = new Map<StopSignal, () => void>();

  const onSignal = (signal: StopSignal): void => {
    count++;
    first ??= signal;
    if (count > 1) {
      proc.tell(`${signal} again: exiting now; nothing is lost (the ledger is always consistent): run the same command to resume:\n  ${rerun}`, signalExitCode(signal));
      proc.exit(signalExitCode(signal));
      return;
    }
    if (handlers.size === 0) {
      proc.tell(`interrupted (${signal}); to resume, run the same command again:\n  ${rerun}`, signalExitCode(signal));
      proc.exit(signalExitCode(signal));
      return;
    }
    for (const handler of [...handlers]) handler(signal);
  };

  for (const signal of SIGNALS) {
    const listener = (): void => onSignal(signal);
    listeners.set(signal, listener);
    proc.on(signal, listener);
  }

  return {
    onInterrupt(handler) {
      handlers.add(handler);
      // Once interrupted, work registered later (the next step of the same command) stops at once too.
      if (first !== undefined && count === 1) queueMicrotask(() => handlers.has(handler) && handler(first as StopSignal));
      return () => {
        handlers.delete(handler);
      };
    },
    received: () => first,
    dispose() {
      for (const [signal, listener] of listeners) proc.off(signal, listener);
    },
  };
}
