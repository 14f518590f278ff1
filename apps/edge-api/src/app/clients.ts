import { GatewayClient, TranscriptsClient } from "@org/soap-core";
import type { ResolvedDeps } from "./app-types.js";
import type { AppConfig } from "./config/app-config.js";

/** The AssemblyAI clients of one request or queue delivery. */
export interface Clients {
  transcripts: TranscriptsClient;
  gateway: GatewayClient;
}

/** Builds the core clients with the deployment's key, base URLs and the injected outbound fetch. */
export function makeClients(config: AppConfig, deps: ResolvedDeps, maxRetries: number): Clients {
  const common = {
    apiKey: config.assemblyaiApiKey,
    region: config.soap.region,
    fetch: deps.fetch,
    maxRetries,
    ...(config.assemblyaiBaseUrl ? { baseUrl: config.assemblyaiBaseUrl } : {}),
    ...(config.gatewayBaseUrl ? { gatewayBaseUrl: config.gatewayBaseUrl } : {}),
  };
  return { transcripts: new TranscriptsClient(common), gateway: new GatewayClient(common) };
}
