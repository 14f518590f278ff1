import { Command } from "commander";
import type { CliContext } from "../../context.js";
import { addScoringOptions } from "../eval/command.js";

/**
 * `soap-notes experiment assign <key>`: which template a key gets under the current config;
 * `soap-notes experiment report <batch-out>`: how the arms of a batch compare.
 */
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
  addScoringOptions(
    experiment
      .command("report")
      .description("compare the template arms of a batch: faithfulness, cost and speed (and ROUGE with --references), paired differences with bootstrap intervals, a verdict")
      .argument("<batch-out>", "the --out folder of a batch (its <id>.json notes record template, variant and usage)")
      .option("--references <dataset>", "reference notes by visit id: a CSV/JSONL with id and reference_note or reference_file, or ACI-BENCH's JSON/CSV")
      .option("-o, --out <dir>", "where to write report.json, report.md and report.html (default: <batch-out>/_report)")
      .option("--config <file>", "soap.config.json whose \"prices\" section prices the notes (default: ./soap.config.json if present, or $SOAP_NOTES_CONFIG)"),
  )
    .option("--json", "print JSON")
    .addHelpText("after", "\nExample:\n  $ soap-notes batch visits.csv --config soap.config.json --out out\n  $ soap-notes experiment report out --references visits.csv --prices prices.json")
    .action(async (batchOut: string, options: Record<string, unknown>) => {
      const { runExperimentReport } = await import("./report-action.js");
      await runExperimentReport(ctx, batchOut, options);
    });
  return experiment;
}
