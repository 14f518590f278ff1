import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { freePort } from "./ports.js";

/** Faults the proxy injects on the CLI's requests to the edge API (fractions of matching requests). */
export interface ProxyFaults {
  /** 429 `rate_limited` with `Retry-After: 1`, before forwarding. */
  rateLimited?: number;
  /** 503 without a body, before forwarding. */
  unavailable?: number;
  /** The request is forwarded (and carried out), then the connection is destroyed before the answer: the client never learns it. */
  resetAfter?: number;
  /** Only requests whose `METHOD path` matches; default every request. */
  match?: RegExp;
}

/** What the proxy did. */
export interface ProxyCounts {
  requests: number;
  rateLimited: number;
  unavailable: number;
  resetAfter: number;
  /** `POST /v1/notes` requests that reached the API. */
  creates: number;
}

/** A fault-injecting HTTP proxy in front of the edge API. */
export interface FaultProxy {
  url: string;
  counts: ProxyCounts;
  setFaults(faults: ProxyFaults): void;
  close(): Promise<void>;
}

/** A small seeded generator (mulberry32): the same seed, the same faults. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Starts a proxy on 127.0.0.1 that forwards to `target` and injects {@link ProxyFaults}: what a flaky
 * network and a busy API do to a remote batch. Webhooks from the sandbox do not pass through it.
 */
export async function startFaultProxy(target: string, seed = 20261129): Promise<FaultProxy> {
  const random = seeded(seed);
  const to = new URL(target);
  let faults: ProxyFaults = {};
  const counts: ProxyCounts = { requests: 0, rateLimited: 0, unavailable: 0, resetAfter: 0, creates: 0 };
  const roll = (p: number | undefined): boolean => p !== undefined && p > 0 && random() < p;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    counts.requests++;
    const route = `${req.method} ${req.url?.replace(/\?.*$/, "")}`;
    const applies = faults.match === undefined || faults.match.test(route);
    if (applies && roll(faults.rateLimited)) {
      counts.rateLimited++;
      req.resume();
      res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
      res.end(JSON.stringify({ error: { code: "rate_limited", message: "Too many requests (fault proxy).", details: { cap: "requests_per_key_per_minute" } } }));
      return;
    }
    if (applies && roll(faults.unavailable)) {
      counts.unavailable++;
      req.resume();
      res.writeHead(503);
      res.end();
      return;
    }
    const resetAfter = applies && roll(faults.resetAfter);
    if (route === "POST /v1/notes") counts.creates++;
    const upstream = httpRequest(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
      (answer) => {
        if (resetAfter) {
          counts.resetAfter++;
          answer.resume();
          answer.on("end", () => res.socket?.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.socket?.destroy());
    req.pipe(upstream);
  };

  const server: Server = createServer(handle);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    setFaults: (f) => {
      faults = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
