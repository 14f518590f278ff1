import { loadFixtures, serve, type ServedSandbox, type ServeOptions } from "@org/soap-sandbox/node";
import { chaosEnv } from "./env.js";

/**
 * The sandbox over HTTP on 127.0.0.1 (a free port), accepting only the run's API key, with the
 * repo's fixtures. Faults: `served.sandbox.faults.add(...)`; counts: `served.sandbox.counters`.
 * CLI flags to reach it: {@link cliTarget}.
 */
export async function startSandbox(options: ServeOptions = {}): Promise<ServedSandbox> {
  return serve({
    port: 0,
    apiKeys: [chaosEnv().apiKey],
    fixtures: options.fixtures ?? (await loadFixtures()),
    seed: chaosEnv().seed,
    ...options,
  });
}

/** `--base-url` and `--gateway-url` for a served sandbox. */
export function cliTarget(served: ServedSandbox): string[] {
  return ["--base-url", served.apiBaseUrl, "--gateway-url", served.gatewayBaseUrl];
}
