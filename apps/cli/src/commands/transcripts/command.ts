import { Command } from "commander";
import type { CliContext } from "../../context.js";
import { addConnectionOptions } from "../shared-options.js";

/** `soap-notes transcripts list | get <id> | delete <id>`. */
export function transcriptsCommand(ctx: CliContext): Command {
  const transcripts = new Command("transcripts").description("list, inspect and delete transcripts at AssemblyAI");
  addConnectionOptions(
    transcripts
      .command("list")
      .description("list your transcripts, newest first")
      .option("--limit <n>", "how many to list (1-200)", "20")
      .option("--status <status>", "only this status: queued, processing, completed or error")
      .option("--json", "print JSON lines")
      .addHelpText("after", "\nExample:\n  $ soap-notes transcripts list --status completed --limit 5"),
  ).action(async (options: Record<string, unknown>) => {
    const { runTranscriptsList } = await import("./action.js");
    await runTranscriptsList(ctx, options);
  });
  addConnectionOptions(
    transcripts
      .command("get")
      .description("show a transcript's status and metadata (add --text to print what was said)")
      .argument("<id>", "transcript id")
      .option("--text", "also print the transcript text")
      .option("--json", "print JSON")
      .addHelpText("after", "\nExample:\n  $ soap-notes transcripts get 5551722-f677-48a6-b3f6-9e1ec5ac6b3d"),
  ).action(async (id: string, options: Record<string, unknown>) => {
    const { runTranscriptsGet } = await import("./action.js");
    await runTranscriptsGet(ctx, id, options);
  });
  addConnectionOptions(
    transcripts
      .command("delete")
      .description("delete a transcript and its uploaded audio at AssemblyAI")
      .argument("<id>", "transcript id")
      .option("--json", "print JSON")
      .addHelpText("after", "\nExample:\n  $ soap-notes transcripts delete 5551722-f677-48a6-b3f6-9e1ec5ac6b3d"),
  ).action(async (id: string, options: Record<string, unknown>) => {
    const { runTranscriptsDelete } = await import("./action.js");
    await runTranscriptsDelete(ctx, id, options);
  });
  return transcripts;
}
