import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createSandbox, type Sandbox, type SandboxOptions } from "@org/soap-sandbox";
import knee from "../../../../tools/sandbox/fixtures/visit-02-knee-sprain.json" with { type: "json" };
import { createWorker, type LogRecord, type NoteJobMessage } from "../../src/index.js";
import { fakeBatch } from "./fake-batch.js";
import { RecordingQueue } from "./recording-queue.js";

/** The webhook secret of the test deployment. */
export const WEBHOOK_SECRET = "whsec-test-0123456789abcdef";
/** Public base URL of the test deployment. */
export const API_ORIGIN = "https://api.soap.test";
/** An audio URL the sandbox maps to its knee-sprain fixture. */
export const KNEE_AUDIO_URL = "https://media.example.com/visits/visit-02-knee-sprain.mp3";

/** What one queue delivery ended with. */
export interface DeliveryResult {
  acked: boolean;
  retryDelaySeconds: number | undefined;
}

/** Options of {@link createHarness}. */
export interface HarnessOptions {
  vars?: Partial<Record<keyof Env, string>>;
  /** Bindings to replace (e.g. a fake `IP_RATE_LIMITER`). */
  bindings?: Partial<Env>;
  /** Extra sandbox options (e.g. `notFoundStatus`, `region`). */
  sandbox?: Pick<SandboxOptions, "notFoundStatus" | "region">;
  /**
   * Sees every outbound request of the Worker before the sandbox does (`next` forwards it), e.g. to act
   * while a note is being generated.
   */
  outbound?: (request: Request, next: (request: Request) => Promise<Response>) => Promise<Response>;
  /** The Worker's completion webhook delivery timeout (default: the production 10 s). */
  webhookDeliveryTimeoutMs?: number;
}

/**
 * The edge API wired to an in-process sandbox (outbound fetch, and webhooks back into the API), a manual
 * clock, a recording queue and the real D1 of the test runtime.
 */
export function createHarness(options: HarnessOptions = {}) {
  let now = Date.UTC(2026, 10, 25, 9, 0, 0);
  const run = crypto.randomUUID().slice(0, 8);
  let seq = 0;
  const logs: LogRecord[] = [];
  const queue = new RecordingQueue();

  const testEnv = {
    ...env,
    NOTE_JOBS: queue,
    ASSEMBLYAI_API_KEY: "sandbox-demo-key",
    WEBHOOK_SECRET,
    PUBLIC_BASE_URL: API_ORIGIN,
    SOAP_CONFIG: "{}",
    RATE_LIMIT_PER_MINUTE: "1000",
    TENANT_CREATES_PER_MINUTE: "1000",
    TENANT_CREATES_PER_DAY: "100000",
    TENANT_MAX_IN_FLIGHT: "1000",
    ASSEMBLYAI_BASE_URL: "https://sandbox.test",
    ASSEMBLYAI_GATEWAY_URL: "https://sandbox.test",
    ...options.vars,
    ...options.bindings,
  } as Env;

  const sandbox: Sandbox = createSandbox({
    fixtures: [knee],
    clock: { now: () => now },
    scheduler: { setTimeout: () => 0, clearTimeout: () => undefined },
    webhookFetch: async (url, init) => worker.fetch(new Request(url, init), testEnv, createExecutionContext()),
    webhookRetryIntervalMs: 10_000,
    ...options.sandbox,
  });

  const outbound = options.outbound;
  const worker = createWorker({
    fetch: outbound ? (input, init) => outbound(new Request(input, init), (r) => sandbox.fetch(r)) : sandbox.fetch,
    now: () => now,
    newId: () => `note_${run}_${++seq}`,
    log: (record) => logs.push(record),
    random: () => 0,
    clientMaxRetries: 0,
    ...(options.webhookDeliveryTimeoutMs !== undefined ? { webhookDeliveryTimeoutMs: options.webhookDeliveryTimeoutMs } : {}),
  });

  async function request(path: string, init: RequestInit & { key?: string | null; json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.key) headers.set("authorization", `Bearer ${init.key}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${API_ORIGIN}${path}`, { ...init, headers, body }), testEnv, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  /** Delivers one message to the consumer, as delivery number `attempts`. */
  async function deliver(message: NoteJobMessage, attempts = 1, queueName = "soap-note-jobs"): Promise<DeliveryResult> {
    const { batch, outcome } = fakeBatch<unknown>(queueName, { id: `msg-${++seq}`, timestamp: new Date(now), attempts, body: message });
    await worker.queue(batch, testEnv, createExecutionContext());
    const result = outcome();
    if (result.kind === "none") throw new Error("the consumer neither acked nor retried the message");
    return { acked: result.kind === "ack", retryDelaySeconds: result.kind === "retry" ? (result.delaySeconds ?? 0) : undefined };
  }

  /**
   * Delivers every queued message like the Queues runtime would: an acked message is done, a retried one
   * is redelivered (attempts + 1) until acked or `maxAttempts` deliveries were made.
   */
  async function drainQueue(maxAttempts = 5): Promise<DeliveryResult[]> {
    const results: DeliveryResult[] = [];
    for (const message of queue.drain()) {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const result = await deliver(message, attempt);
        results.push(result);
        if (result.acked) break;
        now += (result.retryDelaySeconds ?? 0) * 1000;
      }
    }
    return results;
  }

  /** Lets the sandbox finish its transcripts and deliver the due webhooks into the API. */
  async function finishTranscripts(ms = 5_000): Promise<void> {
    now += ms;
    await sandbox.deliverDueWebhooks();
  }

  /** A new tenant with one API key. */
  async function seedTenant(name: string): Promise<{ tenantId: string; key: string }> {
    const tenantId = `ten_${run}_${++seq}`;
    const key = `soap_sk_test_${run}_${seq}_${crypto.randomUUID()}`;
    const hash = await sha256(key);
    await env.DB.batch([
      env.DB.prepare("INSERT INTO tenants (id, name, created_at) VALUES (?1, ?2, ?3)").bind(tenantId, name, now),
      env.DB.prepare("INSERT INTO api_keys (id, tenant_id, key_hash, key_prefix, created_at) VALUES (?1, ?2, ?3, ?4, ?5)").bind(
        `key_${run}_${seq}`,
        tenantId,
        hash,
        key.slice(0, 12),
        now,
      ),
    ]);
    return { tenantId, key };
  }

  return {
    env: testEnv,
    sandbox,
    queue,
    logs,
    worker,
    request,
    deliver,
    drainQueue,
    finishTranscripts,
    seedTenant,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

/** The type of a harness. */
export type Harness = ReturnType<typeof createHarness>;

async function sha256(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}
