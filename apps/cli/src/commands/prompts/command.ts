import { Command } from "commander";
import type { CliContext } from "../../context.js";

/** `soap-notes prompts list | show <id@version> | diff <a> <b>`. */
export function promptsCommand(ctx: CliContext): Command {
  const prompts = new Command("prompts").description("inspect the versioned prompt templates");
  prompts
    .command("list")
    .description("list every template with its mode and content hash")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExample:\n  $ soap-notes prompts list")
    .action(async (options: { json?: boolean }) => {
      const { runPromptsList } = await import("./action.js");
      await runPromptsList(ctx, options);
    });
  prompts
    .command("show")
    .description("show a template and the requests it renders (with the {{ transcript }} placeholder)")
    .argument("<spec>", "template id@version, or a range such as soap-structured@^2")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExample:\n  $ soap-notes prompts show soap-structured@2")
    .action(async (spec: string, options: { json?: boolean }) => {
      const { runPromptsShow } = await import("./action.js");
      await runPromptsShow(ctx, spec, options);
    });
  prompts
    .command("diff")
    .description("line diff of the requests two templates render")
    .argument("<a>", "template id@version")
    .argument("<b>", "template id@version")
    .addHelpText("after", "\nExample:\n  $ soap-notes prompts diff soap-complete@1 soap-sectioned@1")
    .action(async (a: string, b: string) => {
      const { runPromptsDiff } = await import("./action.js");
      await runPromptsDiff(ctx, a, b);
    });
  return prompts;
}
