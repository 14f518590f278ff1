/** A stream that reports write failures as `error` events (process.stdout / stderr). */
export interface ErrorEmitter {
  on(event: "error", listener: (err: Error) => void): unknown;
}

/** What went wrong on stdout or stderr, other than the reader closing early. */
export interface StdioFailure {
  stream: "stdout" | "stderr";
  code: string;
}

/** The guard over stdout and stderr. */
export interface StdioGuard {
  /** True once the reader of `stream` went away (EPIPE): what is written to it now is dropped. */
  closed(stream: "stdout" | "stderr"): boolean;
  /** The first write failure that was not a closed reader (EIO, ENOSPC…), if any. */
  failure(): StdioFailure | undefined;
}

/** Codes that mean the reading end is gone: `soap-notes … | head -1`, `| true`, a closed terminal. */
const READER_GONE = new Set(["EPIPE", "ERR_STREAM_DESTROYED", "ECONNRESET"]);

/**
 * Keeps a write to a stdout or stderr whose reader closed early from crashing the CLI with an
 * unhandled `EPIPE` and a stack trace (Node ignores SIGPIPE and reports the failed write as an
 * `error` event instead). The convention of most CLIs is kept: what the reader did not want is
 * dropped, the command finishes, and the exit code is the command's own (0 when it succeeded). A
 * batch is not stopped because the program reading its log went away: paid work is not thrown away.
 */
export function guardStdio(streams: { stdout: ErrorEmitter; stderr: ErrorEmitter }): StdioGuard {
  const gone = { stdout: false, stderr: false };
  let failed: StdioFailure | undefined;
  for (const name of ["stdout", "stderr"] as const) {
    streams[name].on("error", (err: Error) => {
      gone[name] = true;
      const code = (err as NodeJS.ErrnoException).code ?? "EIO";
      if (!READER_GONE.has(code)) failed ??= { stream: name, code };
    });
  }
  return { closed: (name) => gone[name], failure: () => failed };
}
