import { loadFixtures, serve } from "@org/soap-sandbox/node";
import { z } from "zod";
import { sandboxFixturesDir } from "../../config/sandbox-fixtures.js";
import type { CliContext } from "../../context.js";
import { UsageError } from "../../errors/cli-errors.js";

/** `sandbox [--port]`: serves until Ctrl-C, then closes and returns (exit 0). */
export async function runSandbox(ctx: CliContext, options: Record<string, unknown>): Promise<void> {
  const port = z.coerce.number().int().min(0).max(65535).safeParse(options["port"] ?? 8787);
  if (!port.success) throw new UsageError("--port must be a whole number from 0 to 65535");
  let served;
  try {
    served = await serve({ port: port.data, hostname: "127.0.0.1", fixtures: await loadFixtures(sandboxFixturesDir()) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") throw new UsageError(`port ${port.data} is in use; pick another with --port (0 picks a free one)`);
    throw err;
  }
  // snake_case, like every JSON the CLI prints; the key is the sandbox's public demo key, not a secret.
  const info = { api_base_url: served.apiBaseUrl, gateway_base_url: served.gatewayBaseUrl, api_key: served.sandbox.apiKey, port: served.port };
  if (options["json"]) {
    ctx.stdout.write(`${JSON.stringify(info)}\n`);
  } else {
    ctx.stdout.write(
      [
        `sandbox listening on ${served.apiBaseUrl} (sample fixtures only; Ctrl-C to stop)`,
        "point the CLI at it with:",
        `  export ASSEMBLYAI_API_KEY=${served.sandbox.apiKey}   # the sandbox's public demo key, not a secret`,
        `  export ASSEMBLYAI_BASE_URL=${served.apiBaseUrl}`,
        `  export ASSEMBLYAI_GATEWAY_URL=${served.gatewayBaseUrl}`,
        "",
      ].join("\n"),
    );
  }
  await new Promise<void>((resolve) => {
    const off = ctx.onInterrupt(() => {
      off();
      resolve();
    });
  });
  await served.close();
}
