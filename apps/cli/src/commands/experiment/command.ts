import { Command } from "commander";
import type { CliContext } from "../../context.js";

/** `soap-notes experiment assign <key>`: which template a key gets under the current config. */
export function experimentCommand(ctx: CliContext): Command {
  const experiment = new Command("experiment").description("A/B experiments over prompt templates (configured in soap.config.json)");
  experiment
    .command("assign")
    .description("show which template a visit gets under the current config, resolved exactly as `note` and `batch` resolve it")
    .argument("<key>", "the visit id: a manifest row's id, or an audio file's base name (what note and batch assign by)")
    .option("--experiment <name>", "use this experiment instead of the first enabled one")
    .option("--config <file>", "soap.config.json to use (default: ./soap.config.json if present, or $SOAP_NOTES_CONFIG)")
    .option("--template <spec>", "a template that beats the experiments, as in `note` and `batch` (also $SOAP_NOTES_TEMPLATE)")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExample:\n  $ soap-notes experiment assign visit-01-finger-injury --config soap.config.json")
    .action(async (key: string, options: Record<string, unknown>) => {
      const { runExperimentAssign } = await import("./action.js");
      await runExperimentAssign(ctx, key, options);
    });
  return experiment;
}
