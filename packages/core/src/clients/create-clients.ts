import type { ClientOptions } from "../http/client-options.js";
import { GatewayClient, type GatewayClientOptions } from "./gateway/gateway-client.js";
import { TranscriptsClient, type TranscriptsClientOptions } from "./transcripts/transcripts-client.js";

/** The two clients of one account and region, sharing one set of options (key, hosts, fetch, timeouts). */
export interface SoapClients {
  transcripts: TranscriptsClient;
  gateway: GatewayClient;
}

/**
 * Builds both clients from one set of options, so that the transcripts API and the LLM Gateway
 * always talk to the same region with the same key and `fetch`. `checkModels` (default true) goes to
 * the gateway client: one `GET /v1/models` per gateway client, before its first chat.
 * @example
 * ```ts
 * const { transcripts, gateway } = createClients({ apiKey, region: "eu", fetch: myFetch });
 * ```
 */
export function createClients(
  options: ClientOptions & Pick<TranscriptsClientOptions, "defaultSpeechModels"> & Pick<GatewayClientOptions, "checkModels">,
): SoapClients {
  return { transcripts: new TranscriptsClient(options), gateway: new GatewayClient(options) };
}
