import type { AppConfig } from "../config/app-config.js";

/** One structured log line. Fields hold ids, codes and counts only: never keys, secrets or transcript text. */
export interface LogRecord {
  level: "info" | "warn" | "error";
  event: string;
  [field: string]: unknown;
}

/** What the app takes from outside, so that tests can inject the sandbox, a clock and ids. */
export interface AppDeps {
  /**
   * Outbound fetch for AssemblyAI and the LLM Gateway.
   * @default globalThis.fetch (called unbound)
   */
  fetch?: typeof fetch;
  /**
   * Clock, in epoch milliseconds.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Id generator for jobs (note ids).
   * @default `crypto.randomUUID()`
   */
  newId?: () => string;
  /**
   * Where log records go.
   * @default one JSON line per record on console.log / console.error
   */
  log?: (record: LogRecord) => void;
  /**
   * Client-level retries of synchronous calls (regenerate, delete). The queue consumer never retries
   * inside one delivery: it hands back to the queue, which retries with backoff.
   * @default 2
   */
  clientMaxRetries?: number;
}

/** {@link AppDeps} with every default applied. */
export interface ResolvedDeps {
  fetch: typeof fetch;
  now: () => number;
  newId: () => string;
  log: (record: LogRecord) => void;
  clientMaxRetries: number;
}

/** Who is calling, once the API key checked out. */
export interface AuthContext {
  tenantId: string;
  keyId: string;
  /** The tenant's allowlist of audio URL hosts (`tenants.audio_url_hosts`); null: any public host. */
  audioUrlHosts: readonly string[] | null;
}

/** Hono environment of the app. */
export interface AppEnv {
  Bindings: Env;
  /** `requestId`: this request's correlation id (the `X-Request-Id` header, `request_id` in errors and logs). */
  Variables: { config: AppConfig; deps: ResolvedDeps; auth: AuthContext; requestId: string };
}

/** Applies the defaults of {@link AppDeps}. */
export function resolveDeps(deps: AppDeps = {}): ResolvedDeps {
  const outbound = deps.fetch;
  return {
    // Unbound call: a fetch bound to another object throws "Illegal invocation" on Workers.
    fetch: outbound ?? ((input, init) => fetch.call(undefined, input, init)),
    now: deps.now ?? (() => Date.now()),
    newId: deps.newId ?? (() => crypto.randomUUID()),
    log: deps.log ?? defaultLog,
    clientMaxRetries: deps.clientMaxRetries ?? 2,
  };
}

function defaultLog(record: LogRecord): void {
  const line = JSON.stringify(record);
  if (record.level === "error") console.error(line);
  else if (record.level === "warn") console.warn(line);
  else console.log(line);
}
