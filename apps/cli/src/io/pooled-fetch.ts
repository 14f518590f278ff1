import { Agent, fetch as undiciFetch } from "undici";
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
 */
export function createPooledFetch(connections: number): PooledFetch {
  const agent = new Agent({ connections, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
  const pooled = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent }) as unknown as Promise<Response>;
  return {
    fetch: createStreamingFetch(agent, pooled as typeof fetch),
    close: () => agent.close(),
  };
}
