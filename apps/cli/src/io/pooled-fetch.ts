import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from "undici";
import { ProxiedFetchError, type ProxyEnv, proxyFor } from "./proxy-env.js";
import { createStreamingFetch } from "./streaming-fetch.js";

/** A `fetch` over one undici Agent, and a way to close its sockets. */
export interface PooledFetch {
  fetch: typeof fetch;
  close(): Promise<void>;
}

/**
 * The CLI's HTTP layer: one undici Agent with keep-alive and at most `connections` sockets per
 * origin (one pool for the v2 API, one for the Gateway), wrapped as a standard `fetch` that core's
 * clients call. Matching the pool to `--concurrency` means a batch never opens more sockets than it
 * has visits in flight, and reuses them between polls. Uploads (a stream or a file-backed Blob
 * body) go through undici's `request()` on the same Agent, which streams the body instead of
 * keeping it in memory as undici's `fetch` does; see {@link createStreamingFetch}.
 *
 * With `HTTP_PROXY` / `HTTPS_PROXY` set (see {@link ProxyEnv}), the Agent is undici's
 * `EnvHttpProxyAgent`: `https://` requests are tunnelled through the proxy with `CONNECT`, `http://`
 * ones are forwarded to it as absolute-URI requests (as curl does), and hosts matched by `NO_PROXY`
 * go direct. A failure on a proxied request carries the proxy in its cause ({@link ProxiedFetchError}).
 */
export function createPooledFetch(connections: number, proxy?: ProxyEnv): PooledFetch {
  const pool = { connections, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 };
  const proxied = proxy !== undefined && (proxy.httpProxy !== "" || proxy.httpsProxy !== "");
  const agent: Dispatcher = proxied
    ? new EnvHttpProxyAgent({ ...pool, httpProxy: proxy.httpProxy, httpsProxy: proxy.httpsProxy, noProxy: proxy.noProxy, proxyTunnel: false })
    : new Agent(pool);
  const pooled = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent }) as unknown as Promise<Response>;
  const streaming = createStreamingFetch(agent, pooled as typeof fetch);
  if (!proxied) return { fetch: streaming, close: () => agent.close() };
  const routed = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    try {
      return await streaming.call(undefined, input, init);
    } catch (err) {
      const url = typeof input === "string" || input instanceof URL ? input : input.url;
      const route = init?.signal?.aborted ? undefined : proxyFor(url, proxy);
      throw route === undefined ? err : new ProxiedFetchError(route, err);
    }
  };
  return { fetch: routed as typeof fetch, close: () => agent.close() };
}
