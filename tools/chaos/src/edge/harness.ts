import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { connectionResetError, createSandbox, type ActiveFault, type Sandbox } from "@org/soap-sandbox";
import { createWorker, type NoteJobMessage } from "@org/soap-edge-api";
import finger from "../../../sandbox/fixtures/visit-01-finger-injury.json" with { type: "json" };
import knee from "../../../sandbox/fixtures/visit-02-knee-sprain.json" with { type: "json" };
import { oneMessageBatch, RecordingQueue } from "./queue.js";
import { securityHeaderProblems } from "./secure-headers.js";

/** The run's AssemblyAI key (the only one the sandbox accepts) and webhook secret. Never print them. */
export const SECRETS = { apiKey: env.CHAOS_API_KEY, webhookSecret: env.CHAOS_WEBHOOK_SECRET } as const;
/** Public base URL of the Worker under test. */
export const API_ORIGIN = "https://api.soap.chaos";
/** Where the Worker finds "AssemblyAI" and its LLM Gateway: the in-process sandbox. */
export const SANDBOX_ORIGIN = "https://sandbox.chaos";
/** Audio URLs the sandbox maps to its fixtures. */
export const AUDIO = {
  knee: "https://media.example.com/visits/visit-02-knee-sprain.mp3",
  finger: "https://media.example.com/visits/visit-01-finger-injury.mp3",
} as const;
/** Header AssemblyAI echoes the webhook secret in (the edge API's WEBHOOK_SECRET_HEADER). */
export { WEBHOOK_SECRET_HEADER } from "@org/soap-edge-api";

/**
 * How long an outbound call may hang before the harness's "network" drops it. The edge API keeps
 * core's 60 s per-attempt timeout (not injectable), far beyond this suite's budget, so a `hang` fault
 * ends as a dropped connection after this long instead of as core's TimeoutError.
 */
export const HANG_CUT_MS = 400;

/** What one queue delivery ended with. */
export interface Delivery {
  jobId: string;
  attempt: number;
  acked: boolean;
  retryDelaySeconds: number | undefined;
}

/** Options of {@link createHarness}. */
export interface HarnessOptions {
  /** Queue retry jitter in [0, 1) (the worker's `random`). @default 0 */
  jitter?: number;
  /** Seed of the sandbox's random source. */
  seed?: number;
  vars?: Partial<Record<keyof Env, string>>;
  /** Bindings to replace (a D1 that fails a statement, a Rate Limiting stand-in). */
  bindings?: Partial<Env>;
  /**
   * Sees every outbound request of the Worker before the lossy network does (`next` sends it on), e.g.
   * to delete a note while its generation is under way.
   */
  outbound?: (request: Request, next: (request: Request) => Promise<Response>) => Promise<Response>;
}

/**
 * The edge API (`createWorker`) wired to an in-process sandbox that accepts only the run's key:
 * outbound calls go to the sandbox through a lossy "network" (hangs are cut), its webhooks come back
 * into the Worker (with the webhook faults the sandbox itself does not apply: status, reset, hang,
 * malformed_json on route "webhook"), on a manual clock, with a recording queue and the real D1 of the
 * test runtime. Every log record and every error body seen is kept in `captured`; every answer of the
 * Worker (webhooks included) missing a security header lands in `securityProblems`.
 */
export function createHarness(options: HarnessOptions = {}) {
  let now = Date.UTC(2026, 10, 25, 9, 0, 0);
  const run = crypto.randomUUID().slice(0, 8);
  let seq = 0;
  const captured: string[] = [];
  const securityProblems: string[] = [];
  const queue = new RecordingQueue();
  const jitter = options.jitter ?? 0;
  const tenants = new Set<string>();

  let testEnv = {
    ...env,
    NOTE_JOBS: queue,
    ASSEMBLYAI_API_KEY: SECRETS.apiKey,
    WEBHOOK_SECRET: SECRETS.webhookSecret,
    PUBLIC_BASE_URL: API_ORIGIN,
    SOAP_CONFIG: "{}",
    RATE_LIMIT_PER_MINUTE: "100000",
    ASSEMBLYAI_BASE_URL: SANDBOX_ORIGIN,
    ASSEMBLYAI_GATEWAY_URL: SANDBOX_ORIGIN,
    ...options.vars,
    ...options.bindings,
  } as Env;

  const sandbox: Sandbox = createSandbox({
    fixtures: [finger, knee],
    apiKeys: [SECRETS.apiKey],
    seed: options.seed ?? 1,
    clock: { now: () => now },
    scheduler: { setTimeout: () => 0, clearTimeout: () => undefined },
    webhookFetch: (url, init) => webhookNetwork(url, init),
    webhookRetryIntervalMs: 1_000,
    queuedMs: 10,
    processingMs: 20,
  });

  const outbound = options.outbound;
  const worker = createWorker({
    fetch: outbound ? (input, init) => outbound(new Request(input, init), (r) => outboundNetwork(r)) : outboundNetwork,
    now: () => now,
    newId: () => `note_${run}_${++seq}`,
    log: (record) => captured.push(`log ${JSON.stringify(record)}`),
    random: () => jitter,
  });

  /** Outbound calls of the Worker: to the sandbox, cut after {@link HANG_CUT_MS} like a dropped connection. */
  async function outboundNetwork(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const cut = new AbortController();
    const upstream = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const follow = (): void => cut.abort(upstream?.reason);
    upstream?.addEventListener("abort", follow, { once: true });
    const timer = setTimeout(() => cut.abort(Object.assign(new TypeError("fetch failed"), { cause: { code: "ETIMEDOUT" } })), HANG_CUT_MS);
    try {
      return await sandbox.fetch(input instanceof URL ? input.href : input, { ...init, signal: cut.signal });
    } finally {
      clearTimeout(timer);
      upstream?.removeEventListener("abort", follow);
    }
  }

  /** AssemblyAI's webhook deliveries into the Worker, with the harness-applied webhook faults. */
  async function webhookNetwork(url: string, init: RequestInit): Promise<Response> {
    const fault = sandbox.faults.take("webhook", ["status", "reset", "hang", "malformed_json"]);
    if (fault && !fault.after && fault.kind !== "malformed_json") return failDelivery(fault);
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(url, init), testEnv, ctx);
    await waitOnExecutionContext(ctx);
    const text = await res.text();
    securityProblems.push(...securityHeaderProblems(`POST ${new URL(url).pathname.replace(/\/[^/]+$/, "/{signature}")}`, res));
    if (res.status >= 400) captured.push(`webhook answer ${res.status} ${text}`);
    if (fault?.after && fault.kind !== "malformed_json") return failDelivery(fault);
    const body = fault?.kind === "malformed_json" ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
    return new Response(body, { status: res.status, headers: res.headers });
  }

  function failDelivery(fault: ActiveFault): Response {
    switch (fault.kind) {
      case "status":
        return Response.json({ error: "injected" }, { status: fault.status ?? 500 });
      case "reset":
        throw connectionResetError();
      default:
        // hang: what the sandbox's own webhook timeout would end with, without waiting for it.
        throw new DOMException("webhook timed out", "TimeoutError");
    }
  }

  /** A request to the Worker; error bodies are kept in `captured`. */
  async function request(path: string, init: RequestInit & { key?: string | null; json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.key) headers.set("authorization", `Bearer ${init.key}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    const ctx = createExecutionContext();
    const { key: _key, json: _json, ...rest } = init;
    const res = await worker.fetch(new Request(`${API_ORIGIN}${path}`, { ...rest, headers, body }), testEnv, ctx);
    await waitOnExecutionContext(ctx);
    const route = `${init.method ?? "GET"} ${path.split("?")[0] ?? ""}`;
    securityProblems.push(...securityHeaderProblems(route, res));
    if (res.status >= 400) captured.push(`${route} -> ${res.status} ${await res.clone().text()}`);
    return res;
  }

  /** Delivers one message to the consumer as delivery number `attempts`. */
  async function deliver(message: unknown, attempts = 1, queueName = "soap-note-jobs"): Promise<Omit<Delivery, "jobId">> {
    const { batch, outcome } = oneMessageBatch(queueName, { id: `msg-${++seq}`, timestamp: new Date(now), attempts, body: message });
    await worker.queue(batch, testEnv, createExecutionContext());
    const result = outcome();
    if (result.kind === "none") throw new Error("the consumer neither acked nor retried the message");
    return { attempt: attempts, acked: result.kind === "ack", retryDelaySeconds: result.kind === "retry" ? (result.delaySeconds ?? 0) : undefined };
  }

  /**
   * Delivers every queued message like the Queues runtime (wrangler.jsonc: max_retries 4): a retried
   * message comes back after its delay as the next attempt; after the last one it goes to the
   * dead-letter queue, whose consumer is run too.
   */
  async function drainQueue(maxAttempts = 5): Promise<Delivery[]> {
    const results: Delivery[] = [];
    // The cron sweep spans every tenant of the shared D1: leave other harnesses' jobs to them.
    for (const message of queue.drain().filter((m) => tenants.has(m.tenantId))) {
      let acked = false;
      for (let attempt = 1; attempt <= maxAttempts && !acked; attempt++) {
        const result = await deliver(message, attempt);
        results.push({ jobId: message.jobId, ...result });
        acked = result.acked;
        now += (result.retryDelaySeconds ?? 0) * 1000;
      }
      if (!acked) await deliver(message, 1, "soap-note-jobs-dlq");
    }
    return results;
  }

  /** Lets the sandbox move its transcripts along and deliver the webhooks that are due. */
  async function finishTranscripts(ms = 5_000): Promise<void> {
    now += ms;
    await sandbox.deliverDueWebhooks();
  }

  /** Runs webhooks and queue until nothing is left to do (or `rounds` ran out); returns every delivery. */
  async function settle(rounds = 20): Promise<Delivery[]> {
    const deliveries: Delivery[] = [];
    for (let i = 0; i < rounds; i++) {
      await finishTranscripts();
      deliveries.push(...(await drainQueue()));
      const busy = [...sandbox.state.transcripts.values()].some((t) => t.status === "queued" || t.status === "processing");
      if (!busy && sandbox.state.pendingWebhooks.length === 0 && queue.sent.length === 0) break;
    }
    return deliveries;
  }

  /** The cron sweep after `ms` (the platform runs it every 5 minutes). */
  async function sweep(ms: number): Promise<void> {
    now += ms;
    await worker.scheduled(undefined, testEnv);
  }

  /** A new tenant with one API key. */
  async function seedTenant(name = "Chaos clinic"): Promise<{ tenantId: string; key: string }> {
    const tenantId = `ten_${run}_${++seq}`;
    tenants.add(tenantId);
    await env.DB.prepare("INSERT INTO tenants (id, name, created_at) VALUES (?1, ?2, ?3)").bind(tenantId, name, now).run();
    return { tenantId, key: await addKey(tenantId) };
  }

  /** Another API key of a tenant (its keys share the tenant's quotas), optionally expiring or revoked at a time. */
  async function addKey(tenantId: string, o: { expiresAt?: number; revokedAt?: number } = {}): Promise<string> {
    const key = `soap_sk_chaos_${run}_${++seq}_${crypto.randomUUID()}`;
    await env.DB.prepare(
      "INSERT INTO api_keys (id, tenant_id, key_hash, key_prefix, created_at, expires_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
      .bind(`key_${run}_${seq}`, tenantId, await sha256(key), key.slice(0, 12), now, o.expiresAt ?? null, o.revokedAt ?? null)
      .run();
    return key;
  }

  /**
   * Changes configuration vars from now on (e.g. a webhook secret rotation). The Worker validates its
   * bindings once per bindings object, so this hands it a new one, as a redeploy would.
   */
  function setVars(vars: Partial<Record<keyof Env, string | undefined>>): void {
    const next: Record<string, unknown> = { ...testEnv };
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete next[name];
      else next[name] = value;
    }
    testEnv = next as unknown as Env;
  }

  return {
    get env(): Env {
      return testEnv;
    },
    sandbox,
    queue,
    captured,
    securityProblems,
    worker,
    request,
    deliver,
    drainQueue,
    finishTranscripts,
    settle,
    sweep,
    seedTenant,
    addKey,
    setVars,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

/** The type of a harness. */
export type Harness = ReturnType<typeof createHarness>;

/** A queue message, for tests that deliver by hand. */
export type { NoteJobMessage };

async function sha256(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}
