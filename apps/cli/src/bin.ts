#!/usr/bin/env node
// Entry point of the `soap-notes` executable. The process guards go in before the CLI's modules load
// (they are imported dynamically below), so from the first instant: SIGINT and SIGTERM stop the run
// cleanly (130 / 143, never a bare kill that leaves the output lock), a reader that closes the pipe
// early (`| head`) is no crash, and a bug exits 70 with one line instead of a stack trace.
import { processContext } from "./context.js";
import { rerunCommand } from "./io/command-line.js";
import { installCrashGuard } from "./io/crash-guard.js";
import { installSignalHub } from "./io/process-signals.js";
import { guardStdio } from "./io/stdio-guard.js";
import { printError, wantsJson } from "./terminal/error-output.js";

const args = process.argv.slice(2);
const stdio = guardStdio(process);
const stderr = { write: (text: string): boolean => !stdio.closed("stderr") && process.stderr.write(text) };
/** The run's one error line, as main() prints its own: `soap-notes: …`, or a JSON object under --json. */
const tell = (err: unknown, message: string, exitCode: number): void => {
  const json = wantsJson(args);
  if (!json) stderr.write("\n");
  printError({ stderr, env: process.env }, err, { message: json ? message.replace(/\n\s*/g, " ") : message, exitCode }, json);
};
const signals = installSignalHub(
  {
    on: (s, l) => process.on(s, l),
    off: (s, l) => process.off(s, l),
    exit: (code) => process.exit(code),
    // Not an Error: no stack trace for a signal, even with SOAP_NOTES_DEBUG=1.
    tell: (message, code) => tell({ name: "InterruptedError" }, message, code),
  },
  rerunCommand(args),
);
installCrashGuard({ on: (event, l) => process.on(event, l), exit: (code) => process.exit(code), tell });

const { main } = await import("./index.js");
const code = await main(process.argv, processContext(signals));
const failure = stdio.failure();
if (failure !== undefined && code === 0) {
  // The command succeeded but its output did not all get out (a full disk behind `> file`, EIO…).
  tell(undefined, `cannot write to ${failure.stream} (${failure.code}): the output is incomplete; check where it goes (disk space, the terminal)`, 1);
  process.exitCode = 1;
} else {
  process.exitCode = code;
}
