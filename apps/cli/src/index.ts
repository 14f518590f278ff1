/**
 * `soap-notes`: the command line. This module only wires the commands; each command module loads
 * its heavy dependencies (core, prompts, sandbox, undici, zod) when its action runs, so `--help` and
 * `--version` start fast.
 * @packageDocumentation
 */
import { AbortError } from "@org/soap-core/errors";
import { Command, CommanderError } from "commander";
import { batchCommand } from "./commands/batch/command.js";
import { completionCommand } from "./commands/completion/command.js";
import { configCommand } from "./commands/config/command.js";
import { evalCommand } from "./commands/eval/command.js";
import { experimentCommand } from "./commands/experiment/command.js";
import { noteCommand } from "./commands/note/command.js";
import { promptsCommand } from "./commands/prompts/command.js";
import { regenerateCommand } from "./commands/regenerate/command.js";
import { sandboxCommand } from "./commands/sandbox/command.js";
import { transcriptsCommand } from "./commands/transcripts/command.js";
import { cliVersion } from "./config/version.js";
import { type CliContext, processContext } from "./context.js";
import { EXIT_CODES, type ExitCode, signalExitCode } from "./errors/cli-errors.js";
import { describeError } from "./errors/describe-error.js";
import { printError, wantsJson } from "./terminal/error-output.js";

/** Core's abort, or the platform's (a fetch or timer aborted by the signal handler's controller). */
function isAbort(err: unknown): boolean {
  return err instanceof AbortError || (err instanceof DOMException && err.code === DOMException.ABORT_ERR);
}

export type { CliContext, TextSink } from "./context.js";
export { EXIT_CODES } from "./errors/cli-errors.js";
export type { ExitCode } from "./errors/cli-errors.js";
export { CliError, UsageError, InputError, AuthError, InterruptedError, NetworkError, VisitsFailedError } from "./errors/cli-errors.js";

/**
 * Builds the `soap-notes` program with every command, bound to a context.
 *
 * @example
 * ```ts
 * const program = createProgram(processContext());
 * await program.parseAsync(process.argv);
 * ```
 */
export function createProgram(ctx: CliContext, o: { json?: boolean } = {}): Command {
  const program = new Command("soap-notes")
    .description("Turn recorded doctor–patient visits into SOAP notes with AssemblyAI (or the local sandbox).")
    .version(cliVersion(), "-V, --version")
    // Under --json the one error line is JSON (printed by main): no plain-text hint after it.
    .showHelpAfterError(o.json === true ? false : "(add --help for usage)")
    .configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
    })
    .addHelpText(
      "after",
      `
Without ASSEMBLYAI_API_KEY every command runs on the local in-process sandbox (sample visits only)
and says so. Keys are read only from the environment, never from flags.

Examples:
  $ soap-notes batch samples/manifest.csv --out soap-notes-output
  $ soap-notes note samples/visits/visit-01-finger-injury.mp3 --format md
  $ soap-notes prompts list

Exit codes: 0 ok, 1 some visits failed, 2 usage/config/input/file error (nothing was sent),
3 AssemblyAI refused the key, 4 cannot reach AssemblyAI (network, DNS, TLS, proxy), 70 internal error
(a bug), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM). Proxies: HTTPS_PROXY, HTTP_PROXY, NO_PROXY.`,
    );
  for (const cmd of [
    noteCommand(ctx),
    batchCommand(ctx),
    regenerateCommand(ctx),
    promptsCommand(ctx),
    experimentCommand(ctx),
    evalCommand(ctx),
    transcriptsCommand(ctx),
    sandboxCommand(ctx),
    configCommand(ctx),
    completionCommand(ctx),
  ]) {
    program.addCommand(cmd);
  }
  // Commander must throw instead of exiting, in every subcommand, so main() alone sets the exit code.
  const override = (c: Command): void => {
    c.exitOverride();
    c.configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
      // Under --json a parse error is printed by main() as a JSON object instead.
      ...(o.json === true ? { outputError: () => undefined } : {}),
    });
    c.commands.forEach(override);
  };
  override(program);
  return program;
}

/**
 * Runs the CLI on `argv` (as in `process.argv`) and resolves with the exit code; it never calls
 * `process.exit`. Errors are printed here, and only here, as one line on stderr.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv);
 * ```
 */
export async function main(argv: readonly string[], ctx: CliContext = processContext()): Promise<ExitCode> {
  const json = wantsJson(argv.slice(2));
  const program = createProgram(ctx, { json });
  try {
    await program.parseAsync([...argv]);
    return EXIT_CODES.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander already printed its message (or the help / version), except a parse error under --json.
      if (err.exitCode === 0) return EXIT_CODES.ok;
      if (json && err.code !== "commander.help" && err.code !== "commander.helpDisplayed") printError(ctx, err, { message: err.message, exitCode: EXIT_CODES.usage }, true);
      return EXIT_CODES.usage;
    }
    const report = describeError(err);
    // Stopped by a signal: the exit code is the signal's (130 SIGINT, 143 SIGTERM), whoever threw.
    const signal = ctx.interruptedBy?.();
    const ourStop = report.exitCode === EXIT_CODES.interrupted;
    if (signal !== undefined && (ourStop || isAbort(err))) {
      report.message = ourStop ? `${report.message} (${signal})` : `interrupted (${signal})`;
      report.exitCode = signalExitCode(signal);
    }
    printError(ctx, err, report, json);
    return report.exitCode;
  }
}
