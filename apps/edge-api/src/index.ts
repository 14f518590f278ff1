/**
 * @org/soap-edge-api — the soap-notes HTTP API on Cloudflare Workers (Hono + @hono/zod-openapi, D1, Queues).
 * `src/worker.ts` is the Worker entry point; this module exports the pieces for tests and embedding.
 * @packageDocumentation
 */
import type { AppDeps } from "./app/app-types.js";
import { resolveDeps } from "./app/app-types.js";
import { createApp } from "./app/create-app.js";
import { createQueueHandler } from "./jobs/queue-handler.js";
import { createScheduledHandler } from "./jobs/scheduled-handler.js";

export { createApp, MAX_BODY_BYTES } from "./app/create-app.js";
export type { AppDeps, AppEnv, LogRecord } from "./app/app-types.js";
export { BindingsError, parseAppConfig } from "./config/app-config.js";
export type { AppConfig } from "./config/app-config.js";
export type { NoteJobMessage } from "./jobs/note-job-message.js";
export { NOTE_JOB_MAX_ATTEMPTS, queueRetryDelaySeconds } from "./jobs/retry-policy.js";
export { STALE_GENERATING_MS, STALE_QUEUED_MS, STALE_TRANSCRIBING_MS } from "./jobs/sweeper.js";
export type { SweepResult } from "./jobs/sweeper.js";
export { UNCERTAIN_CREATE_MAX_SENDS } from "./jobs/resolve-uncertain-creates.js";
export { STALE_CREATING_MS, UNCERTAIN_CREATE_SETTLE_MS } from "./jobs/uncertain-creates-repo.js";
export { WEBHOOK_SECRET_HEADER } from "./http/router.js";
export { jobSignature, jobWebhookUrl } from "./webhooks/job-webhook-url.js";
export { GENERATION_LEASE_MS } from "./jobs/lease.js";
export type { ErrorCode, ErrorEnvelope } from "./http/errors.js";
export { SIGNATURE_HEADER, signatureHeader, verifySignatureHeader } from "./tenant-webhooks/signature.js";
export type { VerifyResult } from "./tenant-webhooks/signature.js";
export { decideAfterAttempt, WEBHOOK_GIVE_UP_AFTER_MS, WEBHOOK_MAX_ATTEMPTS, webhookRetryDelaySeconds } from "./tenant-webhooks/retry-policy.js";
export type { DeliveryMessage } from "./tenant-webhooks/delivery-message.js";

/** Options of {@link createWorker}: the app's {@link AppDeps} plus the queue consumer's randomness (jitter) and webhook timeout. */
export interface WorkerDeps extends AppDeps {
  /**
   * Random number in [0, 1) for retry jitter.
   * @default Math.random
   */
  random?: () => number;
  /**
   * How long one completion webhook delivery waits for the tenant's receiver (then: `timeout`, retried).
   * @default 10_000
   */
  webhookDeliveryTimeoutMs?: number;
}

/**
 * The Worker's handlers: `fetch` (the Hono app), `queue` (note generation and its dead-letter queue) and
 * `scheduled` (the cron sweep of stale jobs).
 *
 * @example
 * ```ts
 * // src/worker.ts
 * export default createWorker();
 * // a test
 * const worker = createWorker({ fetch: sandbox.app.fetch, now: () => clock });
 * ```
 */
export function createWorker(deps: WorkerDeps = {}): EdgeWorker {
  const app = createApp(deps);
  const resolved = resolveDeps(deps);
  const queue = createQueueHandler(resolved, deps.random, { webhookDeliveryTimeoutMs: deps.webhookDeliveryTimeoutMs });
  const scheduled = createScheduledHandler(resolved);
  return {
    fetch: async (request, env, ctx) => app.fetch(request, env, ctx),
    queue: (batch, env) => queue(batch, env),
    scheduled: async (_controller, env) => {
      await scheduled(env);
    },
  };
}

/** The handlers {@link createWorker} returns (a module Worker's default export). */
export interface EdgeWorker {
  fetch(request: Request, env: Env, ctx?: ExecutionContext): Promise<Response>;
  queue(batch: MessageBatch<unknown>, env: Env, ctx?: ExecutionContext): Promise<void>;
  scheduled(controller: ScheduledController | undefined, env: Env, ctx?: ExecutionContext): Promise<void>;
}
