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
  /** Registers a SIGINT handler; returns a function that removes it. */
  onInterrupt(handler: () => void): () => void;
}

/** The context of the running process. */
export function processContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    argv: process.argv.slice(2),
    onInterrupt(handler) {
      let presses = 0;
      const listener = (): void => {
        presses++;
        if (presses === 1) return handler();
        // A second Ctrl-C while the first is being honoured: leave now. Safe at any instant, like
        // kill -9: the ledger is append-only and fsynced, outputs appear only by rename.
        process.stderr.write("\nsoap-notes: interrupted again, exiting now; run the same command to resume\n");
        process.exit(130);
      };
      process.on("SIGINT", listener);
      return () => process.off("SIGINT", listener);
    },
  };
}
