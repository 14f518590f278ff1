import { Argument, Command } from "commander";
import type { CliContext } from "../../context.js";

/** `soap-notes completion bash|zsh|fish`: a shell completion script, generated from the program's own commands. */
export function completionCommand(ctx: CliContext): Command {
  const cmd = new Command("completion")
    .description("print a shell completion script for bash, zsh or fish (generated from the commands and options of this version)")
    .addArgument(new Argument("<shell>", "the shell to complete in").choices(["bash", "zsh", "fish"]))
    .addHelpText(
      "after",
      `
Examples:
  $ soap-notes completion bash > ~/.local/share/bash-completion/completions/soap-notes
  $ echo 'source <(soap-notes completion bash)' >> ~/.bashrc
  $ soap-notes completion zsh > "\${fpath[1]}/_soap-notes"
  $ soap-notes completion fish > ~/.config/fish/completions/soap-notes.fish`,
    );
  return cmd.action(async (shell: string) => {
    const { runCompletion } = await import("./action.js");
    // The whole program, read at run time: the script always lists the commands that exist.
    let root: Command = cmd;
    while (root.parent) root = root.parent;
    runCompletion(ctx, root, shell);
  });
}
