import { Command } from "commander";
import type { CliContext } from "../../context.js";
import { addConnectionOptions, addOutputOptions } from "../shared-options.js";

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The options `eval` and `experiment report` share: scoring, intervals, prices. */
export function addScoringOptions(cmd: Command): Command {
  return cmd
    .option("--prices <file>", 'price table JSON (currency, and per LLM Gateway model id its input_per_million / output_per_million); else soap.config.json\'s "prices"; no prices are built in')
    .option("--stem", "Porter-stem tokens longer than 3 characters before ROUGE (rouge-score's use_stemmer)")
    .option("--seed <n>", "seed of the bootstrap (same seed, same intervals)", "42")
    .option("--resamples <n>", "bootstrap resamples", "2000")
    .option("--baseline <arm>", "the arm the others are compared with (default: the first)");
}

/** `soap-notes eval [dataset]`: write notes with one or more templates (or take existing ones) and score them against reference notes. */
export function evalCommand(ctx: CliContext): Command {
  const cmd = new Command("eval")
    .description("measure notes against reference notes: ROUGE whole and per section, faithfulness, cost and speed, with bootstrap intervals")
    .argument("[dataset]", "ACI-BENCH's JSON or CSV as published (src/tgt, dialogue/note), or a CSV/JSONL manifest with id, dialogue or transcript_file, and reference_note or reference_file (default: the 7 sample visits, from ACI-BENCH's validation split)")
    .option("-t, --template <spec>", "write notes with this template; repeat for more arms (default: the config's choice per visit)", collect)
    .option("-p, --predictions <[name=]path>", "score existing notes instead: a CSV/JSONL of id (or encounter_id) and note, or a folder of note JSON; repeat for more arms", collect)
    .option("--model <id>", "LLM Gateway model id (or $SOAP_NOTES_MODEL)")
    .option("-o, --out <dir>", "folder for report.json, report.md, report.html and the notes written", "soap-notes-eval")
    .option("--limit <n>", "only the first n visits of the dataset")
    .option("-c, --concurrency <n>", "notes in flight at once, 1 to 64 (default 8, or $SOAP_NOTES_CONCURRENCY)")
    .option("--deidentified", "state that the dialogues are already de-identified, so they may go to AssemblyAI's LLM Gateway (or $SOAP_NOTES_DEIDENTIFIED=1)")
    .option("--redact <policies>", 'PII policies the local scrubber removes from text dialogues: "medical" (default), or a comma list')
    .option("--no-redact", "send text dialogues as they are (not recommended for real patients)")
    .option("--dry-run", "estimate requests, tokens and cost per template from the price table, and send nothing");
  return addOutputOptions(addConnectionOptions(addScoringOptions(cmd)))
    .addHelpText(
      "after",
      `
Examples:
  $ soap-notes eval                                              # sandbox: the 7 sample visits, in seconds
  $ soap-notes eval aci-bench/valid_full.json -t soap-complete@1 -t soap-sectioned@1 --prices prices.json
  $ soap-notes eval aci-bench/valid_full.json -p ours=clinic-notes/ -p baseline=valid_BART.csv --stem
  $ soap-notes eval aci-bench/valid_full.json -t soap-complete@1 --dry-run --prices prices.json

ROUGE follows Google's rouge-score (tokenizer, ROUGE-Lsum over newline-split sentences); the
aggregate is the mean of per-note F1, with ${"95 %"} bootstrap intervals for a fixed --seed.`,
    )
    .action(async (dataset: string | undefined, options: Record<string, unknown>) => {
      const { runEval } = await import("./action.js");
      await runEval(ctx, dataset, options);
    });
}
