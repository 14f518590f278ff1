import { Command } from "commander";
import type { CliContext } from "../../context.js";

/** `soap-notes sandbox [--port]`: serve the sandbox over HTTP on 127.0.0.1. */
export function sandboxCommand(ctx: CliContext): Command {
  return new Command("sandbox")
    .description("serve the local AssemblyAI + LLM Gateway sandbox over HTTP on 127.0.0.1 (sample fixtures, no network)")
    .option("-p, --port <port>", "port to listen on (0 picks a free one)", "8787")
    .option("--json", "print the URLs as JSON")
    .addHelpText(
      "after",
      `
Example:
  $ soap-notes sandbox --port 8787
  # then, in another shell (the sandbox prints its demo key):
  $ ASSEMBLYAI_API_KEY=<demo key> ASSEMBLYAI_BASE_URL=http://127.0.0.1:8787 \\
    ASSEMBLYAI_GATEWAY_URL=http://127.0.0.1:8787 soap-notes note samples/visits/visit-01-finger-injury.mp3`,
    )
    .action(async (options: Record<string, unknown>) => {
      const { runSandbox } = await import("./action.js");
      await runSandbox(ctx, options);
    });
}
