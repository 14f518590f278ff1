import { createClients, type GatewayClient, type RequestGate, type TranscriptsClient } from "@org/soap-core";
import type { CliContext } from "../context.js";
import { readProxyEnv } from "../io/proxy-env.js";
import { sandboxFixturesDir } from "./sandbox-fixtures.js";
import type { Settings } from "./settings.js";

/** The notice printed (once, on stderr) when the CLI runs on the embedded sandbox. */
export const SANDBOX_NOTICE =
  "soap-notes: ASSEMBLYAI_API_KEY is not set, so this runs on the local in-process sandbox (no network, sample fixtures only; notes are marked as sandbox output). Set ASSEMBLYAI_API_KEY to use AssemblyAI.";

/** The same notice when `--sandbox` asked for it. */
export const SANDBOX_FLAG_NOTICE = "soap-notes: --sandbox: running on the local in-process sandbox (no network, sample fixtures only).";

/** The clients a command uses, wherever they point, and how to release them. */
export interface Runtime {
  transcripts: TranscriptsClient;
  gateway: GatewayClient;
  /** `"sandbox"` when running on the embedded sandbox. */
  mode: "api" | "sandbox";
  close(): Promise<void>;
}

/**
 * Builds core's clients for the settings: against the embedded sandbox (its in-process `fetch`
 * injected) when there is no key or `--sandbox`, else against AssemblyAI (or `--base-url`) through
 * an undici pool sized to `connections`, through the proxy of `HTTPS_PROXY` / `HTTP_PROXY` unless
 * `NO_PROXY` names the host. Prints the sandbox notice on stderr unless quiet. A `gate` (a batch's
 * scheduler) is handed to both clients: it admits every request attempt.
 */
export async function createRuntime(settings: Settings, ctx: CliContext, connections = settings.concurrency, gate?: RequestGate): Promise<Runtime> {
  // Undefined options mean core's defaults (region hosts, 60 s); speech models come with each visit's plan.
  const common = {
    region: settings.region,
    timeoutMs: settings.timeoutMs,
    uploadIdleTimeoutMs: settings.uploadIdleTimeoutMs,
    retryOnTimeout: settings.retryOnTimeout,
    chatTimeoutPerTokenMs: settings.chatTimeoutPerTokenMs,
    defaultSpeechModels: settings.config.transcription.speech_models,
    ...(gate ? { gate } : {}),
  };
  if (settings.sandbox) {
    if (settings.verbosity !== "quiet") ctx.stderr.write(`${settings.sandboxReason === "flag" ? SANDBOX_FLAG_NOTICE : SANDBOX_NOTICE}\n`);
    // Loaded only here: the API path never pays for the sandbox, the sandbox path never for undici.
    const [{ createSandbox }, { loadFixtures }] = await Promise.all([import("@org/soap-sandbox"), import("@org/soap-sandbox/node")]);
    // The sandbox emulates the chosen region's gateway (the EU one serves no OpenAI model), like AssemblyAI would.
    const sandbox = createSandbox({ fixtures: await loadFixtures(sandboxFixturesDir()), queuedMs: 20, processingMs: 80, region: settings.region });
    const clients = createClients({ ...common, apiKey: sandbox.apiKey, baseUrl: "http://sandbox.local", gatewayBaseUrl: "http://sandbox.local", fetch: sandbox.fetch as typeof fetch });
    return {
      ...clients,
      mode: "sandbox",
      close: async () => sandbox.close(),
    };
  }
  // HTTP_PROXY / HTTPS_PROXY / NO_PROXY, checked before the first request (a bad value is exit 2).
  const proxy = readProxyEnv(ctx.env);
  const { createPooledFetch } = await import("../io/pooled-fetch.js");
  const pooled = createPooledFetch(connections, proxy);
  const clients = createClients({ ...common, apiKey: settings.apiKey as string, fetch: pooled.fetch, baseUrl: settings.baseUrl, gatewayBaseUrl: settings.gatewayUrl });
  return {
    ...clients,
    mode: "api",
    close: () => pooled.close(),
  };
}
