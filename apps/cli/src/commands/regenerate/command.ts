import { Command, Option } from "commander";
import type { CliContext } from "../../context.js";
import { addConnectionOptions, addOutputOptions } from "../shared-options.js";

/** `soap-notes regenerate <note.json> --section plan`: one section again, the rest untouched. */
export function regenerateCommand(ctx: CliContext): Command {
  const cmd = new Command("regenerate")
    .description("write one section of an existing note again; the other sections are kept as they are")
    .argument("<note>", "a note written with --format json (batch writes <id>.json)")
    .addOption(new Option("--section <section>", "the section to write again").choices(["subjective", "objective", "assessment", "plan"]).makeOptionMandatory())
    .option("--transcript-file <file>", "the dialogue the note was made from, when it did not come from an AssemblyAI transcript")
    .addOption(new Option("--format <format>", "output format").choices(["md", "json", "fhir", "html"]).default("json"))
    .option("-o, --out <file>", "write the new note to this file (atomically) instead of stdout")
    .option("--in-place", "replace the input note file (atomically)")
    // Refused with a reason (not "unknown option"): the note's recorded plan decides both.
    .addOption(new Option("--template <spec>").hideHelp())
    .addOption(new Option("--model <id>").hideHelp());
  addConnectionOptions(cmd);
  addOutputOptions(cmd);
  return cmd
    .addHelpText(
      "after",
      `
Examples:
  $ soap-notes regenerate soap-notes-output/visit-01-finger-injury.json --section plan --in-place
  $ soap-notes regenerate note.json --section assessment --format md

The section is written with the note's own template (id@version, hash-checked), model and transcript
mode, from the transcript the note was made from: never another experiment variant.`,
    )
    .action(async (note: string, options: Record<string, unknown>) => {
      const { runRegenerate } = await import("./action.js");
      await runRegenerate(ctx, note, options);
    });
}
