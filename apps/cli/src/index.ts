/**
 * `soap-notes`: the command line. This module only wires the commands; each command module loads
 * its heavy dependencies (core, prompts, sandbox, undici, zod) when its action runs, so `--help` and
 * `--version` start fast.
 * @packageDocumentation
 */
import { Command, CommanderError } from "commander";
import { batchCommand } from "./commands/batch/command.js";
import { experimentCommand } from "./commands/experiment/command.js";
import { noteCommand } from "./commands/note/command.js";
import { promptsCommand } from "./commands/prompts/command.js";
import { regenerateCommand } from "./commands/regenerate/command.js";
import { sandboxCommand } from "./commands/sandbox/command.js";
import { transcriptsCommand } from "./commands/transcripts/command.js";
import { cliVersion } from "./config/version.js";
import { type CliContext, processContext } from "./context.js";
import { EXIT_CODES, type ExitCode } from "./errors/cli-errors.js";
import { describeError } from "./errors/describe-error.js";

export type { CliContext, TextSink } from "./context.js";
export { EXIT_CODES } from "./errors/cli-errors.js";
export type { ExitCode } from "./errors/cli-errors.js";
export { CliError, UsageError, InputError, AuthError, InterruptedError, VisitsFailedError } from "./errors/cli-errors.js";

/**
 * Builds the `soap-notes` program with every command, bound to a context.
 *
 * @example
 * ```ts
 * const program = createProgram(processContext());
 * await program.parseAsync(process.argv);
 * ```
 */
export function createProgram(ctx: CliContext): Command {
  const program = new Command("soap-notes")
    .description("Turn recorded doctor–patient visits into SOAP notes with AssemblyAI (or the local sandbox).")
    .version(cliVersion(), "-V, --version")
    .showHelpAfterError("(add --help for usage)")
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

Exit codes: 0 ok, 1 some visits failed, 2 usage/config/input error, 3 auth error, 130 interrupted.`,
    );
  for (const cmd of [
    noteCommand(ctx),
    batchCommand(ctx),
    regenerateCommand(ctx),
    promptsCommand(ctx),
    experimentCommand(ctx),
    transcriptsCommand(ctx),
    sandboxCommand(ctx),
  ]) {
    program.addCommand(cmd);
  }
  // Commander must throw instead of exiting, in every subcommand, so main() alone sets the exit code.
  const override = (c: Command): void => {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => void ctx.stdout.write(s), writeErr: (s) => void ctx.stderr.write(s) });
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
  const program = createProgram(ctx);
  try {
    await program.parseAsync([...argv]);
    return EXIT_CODES.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander already printed its message (or the help / version).
      return err.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    const report = describeError(err);
    ctx.stderr.write(`soap-notes: ${report.message}\n`);
    if (ctx.env["SOAP_NOTES_DEBUG"] === "1" && err instanceof Error && err.stack) ctx.stderr.write(`${err.stack}\n`);
    return report.exitCode;
  }
}
