import type { MiddlewareHandler } from "hono";
import { sleep } from "./clock.js";
import type { Engine } from "./engine.js";
import { AUTH_ERROR, familyError, faultResponse, type ApiFamily } from "./http-errors.js";
import type { Random } from "./random.js";
import type { RouteName } from "./routes-names.js";

/** Hono variables the sandbox's middleware sets for handlers. */
export interface SandboxVariables {
  /** The authenticated key (identifies the "project" that owns uploads and transcripts). */
  owner: string;
  /** Origin for URLs in answers. */
  origin: string;
}

/** What the in-process fetch passes as env so a handler can ask for a connection reset. */
export interface InProcessEnv {
  sandboxReset: { requested: boolean };
}

interface NodeEnv {
  incoming?: { socket?: { destroy?: () => void } };
}

export type SandboxEnv = { Bindings: Partial<InProcessEnv> & NodeEnv; Variables: SandboxVariables };

/** Resets the connection: destroys the socket over HTTP, or tells the in-process fetch to reject. */
function resetConnection(env: Partial<InProcessEnv> & NodeEnv | undefined): Response {
  if (env?.sandboxReset) env.sandboxReset.requested = true;
  else env?.incoming?.socket?.destroy?.();
  return new Response(null, { status: 599 });
}

/** Waits until the request is aborted (or the sandbox is reset). */
function hang(engine: Engine, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const untrack = engine.trackHang(() => resolve());
    signal.addEventListener("abort", () => {
      untrack();
      resolve();
    }, { once: true });
  });
}

async function malformed(res: Response): Promise<Response> {
  const text = await res.text();
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: res.status, headers });
}

/**
 * Per-route pipeline: count the call, apply latency, authenticate, apply request-level faults
 * (before or after the handler), record the outcome.
 */
export function route(engine: Engine, latencyRandom: Random, name: RouteName, family: ApiFamily, auth: boolean): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const { counters, faults, options } = engine;
    counters.recordCall(name);
    const latency = options.latency[name] ?? options.latency["*"];
    if (latency) await sleep(options.scheduler, latency.baseMs + (latency.jitterMs ?? 0) * latencyRandom());
    const requestUrl = new URL(c.req.url);
    c.set("origin", options.publicBaseUrl ?? requestUrl.origin);
    if (auth) {
      const key = c.req.header("authorization");
      if (!key || !options.apiKeys.has(key)) {
        counters.recordOutcome(name, 401);
        c.res = familyError(family, c, 401, AUTH_ERROR);
        return;
      }
      c.set("owner", key);
    } else {
      c.set("owner", "");
    }
    const fault = faults.take(name, ["status", "reset", "hang", "malformed_json"]);
    const before = fault && !fault.after ? fault : undefined;
    const after = fault?.after ? fault : undefined;
    if (before) {
      const res = await applyFault(engine, before, family, c.req.raw.signal, c.env);
      if (res) {
        counters.recordOutcome(name, before.kind === "reset" || before.kind === "hang" ? before.kind : res.status);
        c.res = res;
        return;
      }
    }
    await next();
    if (after) {
      const res = await applyFault(engine, after, family, c.req.raw.signal, c.env);
      if (res) {
        counters.recordOutcome(name, after.kind === "reset" || after.kind === "hang" ? after.kind : res.status);
        c.res = res;
        return;
      }
    }
    if (fault?.kind === "malformed_json") {
      c.res = await malformed(c.res);
    }
    counters.recordOutcome(name, c.res.status);
  };
}

async function applyFault(
  engine: Engine,
  fault: { kind: string; status?: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number },
  family: ApiFamily,
  signal: AbortSignal,
  env: Partial<InProcessEnv> & NodeEnv | undefined,
): Promise<Response | null> {
  switch (fault.kind) {
    case "status":
      return faultResponse(family, fault.status ?? 500, fault.retryAfterSeconds ?? 1);
    case "reset":
      return resetConnection(env);
    case "hang":
      await hang(engine, signal);
      return resetConnection(env);
    default:
      return null; // malformed_json is applied to the handler's answer
  }
}
