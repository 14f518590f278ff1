import { Command, Option } from "commander";
import type { CliContext } from "../../context.js";
import { addVisitOptions } from "../shared-options.js";

/** `soap-notes batch <input>`: every visit of a folder or manifest, crash-safe and resumable. */
export function batchCommand(ctx: CliContext): Command {
  const cmd = new Command("batch")
    .description("turn every visit of a folder or manifest into SOAP notes; re-run the same command to resume")
    .argument("<input>", "folder of audio files, manifest.csv, manifest.jsonl, or - for a manifest on stdin")
    .option("-o, --out <dir>", "output folder (holds the notes, the ledger and failures.jsonl)", "soap-notes-output")
    .option("--format <formats>", "comma-separated output formats: md, json, fhir, html (json is always written)", "md,json")
    .option("-c, --concurrency <n>", "requests in flight per stage (uploads, creates, polls, note generation), 1 to 64; twice as many visits are in progress (default 8, or $SOAP_NOTES_CONCURRENCY)")
    .option("--max-requests-per-5min <n>", "most requests sent to AssemblyAI in any 5 minutes, 100 to 20000; polls wait for room under it (default 18000, or $SOAP_NOTES_MAX_REQUESTS_PER_5MIN)")
    .option("--dry-run", "check the inputs, output folder, config, templates and key, print the plan of every visit, and send nothing")
    .option("--prices <file>", 'with --dry-run: estimate the batch\'s cost from this price table (else soap.config.json\'s "prices"); no prices are built in')
    .option("--api <url>", "hand the batch to the soap-notes edge API at this URL (key in $SOAP_NOTES_API_KEY); local audio is uploaded to it")
    .addOption(new Option("--api-key <key>", "refused: the key is read from $SOAP_NOTES_API_KEY only").hideHelp());
  return addVisitOptions(cmd)
    .addHelpText(
      "after",
      `
Examples:
  $ soap-notes batch samples/manifest.csv --out soap-notes-output
  $ soap-notes batch recordings/ --concurrency 16 --medical
  $ cat visits.jsonl | soap-notes batch - --out notes --json
  $ soap-notes batch samples/manifest.csv --dry-run          # what would run, sending nothing
  $ soap-notes batch visits.csv --dry-run --prices prices.json  # and what it may cost
  $ SOAP_NOTES_API_KEY=soap_sk_… soap-notes batch visits.csv --api https://soap-notes-api.example.workers.dev

Resume: run exactly the same command again. Visits already transcribed are never transcribed again,
finished notes are never rewritten. Ctrl-C stops cleanly and prints the command to resume.

Text dialogues (transcript_file rows): with ASSEMBLYAI_API_KEY set, each needs --deidentified (or the
row's deidentified column set to yes) or --no-redact, else the batch stops before anything is sent.`,
    )
    .action(async (input: string, options: Record<string, unknown>) => {
      const { runBatch } = await import("./action.js");
      await runBatch(ctx, input, options);
    });
}
