import { Command } from "commander";
import type { CliContext } from "../../context.js";
import { addVisitOptions } from "../shared-options.js";

/** `soap-notes config`: the effective settings and where each came from. */
export function configCommand(ctx: CliContext): Command {
  const cmd = new Command("config")
    .description("print the settings a note or batch run would use here, and where each came from (flag, env, config file, default)")
    .option("-c, --concurrency <n>", "as for batch: visits in flight at once, 1 to 64");
  return addVisitOptions(cmd)
    .addHelpText(
      "after",
      `
Takes the same flags as note and batch, so it shows what a run with them would use. The API key is
shown as set or not set, never its value.

Examples:
  $ soap-notes config
  $ soap-notes config --model claude-haiku-4-5-20251001 --json
  $ SOAP_NOTES_TEMPLATE=soap-complete@1 soap-notes config --config soap.config.json`,
    )
    .action(async (options: Record<string, unknown>) => {
      const { runConfig } = await import("./action.js");
      await runConfig(ctx, options);
    });
}
