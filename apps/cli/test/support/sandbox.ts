import { DEMO_API_KEY } from "@org/soap-sandbox";
import { serve, type ServedSandbox } from "@org/soap-sandbox/node";

/** A sandbox served on 127.0.0.1 with a free port and short job durations, plus the CLI's env for it. */
export async function startSandbox(): Promise<{ served: ServedSandbox; env: Record<string, string> }> {
  const served = await serve({ port: 0, hostname: "127.0.0.1", queuedMs: 5, processingMs: 20 });
  return {
    served,
    env: { ASSEMBLYAI_API_KEY: DEMO_API_KEY, ASSEMBLYAI_BASE_URL: served.apiBaseUrl, ASSEMBLYAI_GATEWAY_URL: served.gatewayBaseUrl },
  };
}
