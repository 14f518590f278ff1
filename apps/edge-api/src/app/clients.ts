import { createClients, type SoapClients } from "@org/soap-core";
import type { ResolvedDeps } from "./app-types.js";
import type { AppConfig } from "../config/app-config.js";

/** The AssemblyAI clients of one request or queue delivery. */
export type Clients = SoapClients;

/** Builds core's clients with the deployment's key, base URLs and the injected outbound fetch and clock. */
export function makeClients(config: AppConfig, deps: ResolvedDeps, maxRetries: number): Clients {
  return createClients({
    apiKey: config.assemblyaiApiKey,
    region: config.soap.region,
    // Undefined (not configured) means the region's host.
    baseUrl: config.assemblyaiBaseUrl,
    gatewayBaseUrl: config.gatewayBaseUrl,
    fetch: deps.fetch,
    // The one clock: core reads it for HTTP-date `Retry-After` headers.
    now: deps.now,
    maxRetries,
    ...(config.http.timeoutMs !== undefined ? { timeoutMs: config.http.timeoutMs } : {}),
    ...(config.http.chatTimeoutPerTokenMs !== undefined ? { chatTimeoutPerTokenMs: config.http.chatTimeoutPerTokenMs } : {}),
    retryOnTimeout: config.http.retryOnTimeout,
  });
}
