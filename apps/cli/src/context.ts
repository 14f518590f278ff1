import type { StopSignal } from "./errors/cli-errors.js";
import { rerunCommand } from "./io/command-line.js";
import { installSignalHub, type SignalHub } from "./io/process-signals.js";

/** A writable text stream (process.stdout / stderr, or a test double). */
export interface TextSink {
  write(chunk: string | Uint8Array): boolean;
  isTTY?: boolean;
  columns?: number;
}

/**
 * What a command may touch of the outside world. `main()` builds it from `process`; tests pass
 * their own. Commands never read `process` directly, so they are testable in-process.
 */
export interface CliContext {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The command line as typed after the program name (to print how to resume). */
  argv: readonly string[];
  /**
   * Registers a handler for SIGINT and SIGTERM (called with the signal); returns a function that
   * removes it. While one is registered, the command stops itself cleanly and exits 130 / 143.
   */
  onInterrupt(handler: (signal: StopSignal) => void): () => void;
  /** The stop signal the process received, if any (the exit code is 130 for SIGINT, 143 for SIGTERM). */
  interruptedBy?(): StopSignal | undefined;
}

/**
 * The context of the running process. `signals` is the hub the executable installed before loading
 * anything else (see `bin.ts`); without one, a hub is installed now.
 */
export function processContext(signals?: SignalHub): CliContext {
  const hub =
    signals ??
    installSignalHub(
      {
        on: (s, l) => process.on(s, l),
        off: (s, l) => process.off(s, l),
        exit: (code) => process.exit(code),
        tell: (message) => void process.stderr.write(`\nsoap-notes: ${message}\n`),
      },
      rerunCommand(process.argv.slice(2)),
    );
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    argv: process.argv.slice(2),
    onInterrupt: (handler) => hub.onInterrupt(handler),
    interruptedBy: () => hub.received(),
  };
}
