import { Command, Option } from "commander";
import type { CliContext } from "../../context.js";
import { addVisitOptions } from "../shared-options.js";

/** `soap-notes note <input>`: one visit to one note. */
export function noteCommand(ctx: CliContext): Command {
  const cmd = new Command("note")
    .description("turn one visit (audio file, https URL, transcript id or transcript file) into a SOAP note")
    .argument("[input]", "audio file, https:// audio URL, or - for audio on stdin")
    .option("--transcript-id <id>", "use an existing AssemblyAI transcript (nothing is transcribed)")
    .option(
      "--transcript-file <file>",
      "use a text dialogue ([doctor] … lines) or an AssemblyAI transcript JSON; - for stdin. With ASSEMBLYAI_API_KEY set, a dialogue needs --deidentified or --no-redact (names cannot be scrubbed locally)",
    )
    .addOption(new Option("--format <format>", "output format (default md; json with --json; html: a review page)").choices(["md", "json", "fhir", "html"]))
    .option("-o, --out <file>", "write the note to this file (atomically) instead of stdout")
    .option("--dry-run", "check the input, output, config, template and key, print the plan, and send nothing");
  return addVisitOptions(cmd)
    .addHelpText(
      "after",
      `
Examples:
  $ soap-notes note samples/visits/visit-01-finger-injury.mp3
  $ soap-notes note --transcript-file samples/transcripts/visit-01-finger-injury.txt --format json
  $ soap-notes note --transcript-file dialogue.txt --deidentified   # text to AssemblyAI: state it is de-identified
  $ soap-notes note --transcript-id 5551722-f677-48a6-b3f6-9e1ec5ac6b3d --format fhir --out note.fhir.json
  $ soap-notes note https://example.org/visit.mp3 --medical --speakers-expected 2
  $ soap-notes note visit.mp3 --dry-run --json            # the plan, sending nothing`,
    )
    .action(async (input: string | undefined, options: Record<string, unknown>) => {
      const { runNote } = await import("./action.js");
      await runNote(ctx, input, options);
    });
}
