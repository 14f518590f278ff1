import type { Hono } from "hono";
import { buildApp } from "./app.js";
import type { Counters } from "./counters.js";
import { Engine } from "./engine.js";
import type { FaultPlan } from "./faults.js";
import type { Fixture } from "./fixture-schema.js";
import type { InProcessEnv, SandboxEnv } from "./middleware.js";
import { resolveOptions, type SandboxOptions } from "./options.js";
import type { SandboxState } from "./state.js";

/** The Hono app of a sandbox. */
export type SandboxApp = Hono<SandboxEnv>;

/** A fetch-compatible function. */
export type SandboxFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** One sandbox instance: the app, an in-process fetch, and handles for tests. */
export interface Sandbox {
  /** The Hono app (serve it with @hono/node-server, or mount it in workerd). */
  app: SandboxApp;
  /**
   * Calls the app in-process. Usable as an injected `fetch` for ANY host: it routes by path only.
   * A `reset` fault rejects with `TypeError("fetch failed")` whose `cause.code` is "ECONNRESET";
   * an aborted signal rejects with the signal's reason, like undici's fetch.
   */
  fetch: SandboxFetch;
  /** The fault plan (`faults.add({ route, kind, times?, probability?, ... })`). */
  faults: FaultPlan;
  /** Calls and statuses per route, `transcriptsCreated`, `uploads`, `webhookAttempts`. */
  counters: Counters;
  /** Uploads, transcripts, webhook attempts and chat requests (for assertions). */
  state: SandboxState;
  /** The validated fixtures. */
  fixtures: readonly Fixture[];
  /** The first accepted API key (the demo key by default). */
  apiKey: string;
  /** Moves jobs as far as the clock allows. */
  advance(): void;
  /** Advances jobs and delivers the webhooks that are due; resolves when they were answered. */
  tick(): Promise<void>;
  /** Delivers the webhooks that are due now (after advancing jobs). */
  deliverDueWebhooks(): Promise<void>;
  /** Forgets state, faults and counters. */
  reset(): void;
  /** Cancels timers and releases hanging requests. */
  close(): void;
}

/** The error an in-process connection reset rejects with (shaped like undici's). */
export function connectionResetError(): TypeError {
  const cause = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", errno: -104, syscall: "read" });
  return new TypeError("fetch failed", { cause });
}

function toRequest(input: Request | string | URL, init?: RequestInit): Request {
  if (typeof input === "string" && input.startsWith("/")) return new Request(`http://sandbox.local${input}`, init);
  return new Request(input, init);
}

/**
 * Creates a sandbox of the AssemblyAI v2 API and LLM Gateway over the given fixtures.
 * @example
 * const sandbox = createSandbox({ fixtures: await loadFixtures() });
 * const client = new TranscriptsClient({ apiKey: sandbox.apiKey, baseUrl: "https://sandbox", fetch: sandbox.fetch });
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const resolved = resolveOptions(options);
  const engine = new Engine(resolved);
  const app = buildApp(engine);
  const fetch: SandboxFetch = async (input, init) => {
    const request = toRequest(input, init);
    const signal = request.signal;
    if (signal.aborted) throw signal.reason;
    const env: InProcessEnv = { sandboxReset: { requested: false } };
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      const res = await Promise.race([app.fetch(request, env), aborted]);
      if (env.sandboxReset.requested) throw connectionResetError();
      return res;
    } finally {
      if (onAbort) signal.removeEventListener("abort", onAbort);
    }
  };
  return {
    app,
    fetch,
    faults: engine.faults,
    counters: engine.counters,
    state: engine.state,
    fixtures: resolved.fixtures,
    apiKey: [...resolved.apiKeys][0] ?? "",
    advance: () => engine.advance(),
    tick: () => engine.tick(),
    deliverDueWebhooks: async () => {
      engine.advance();
      await engine.webhooks.deliverDue();
      engine.schedule();
    },
    reset: () => engine.reset(),
    close: () => engine.close(),
  };
}
