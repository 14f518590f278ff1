import type { ResolvedDeps } from "../app/app-types.js";
import { tenantContext } from "../app/tenant-context.js";
import { parseAppConfig } from "../config/app-config.js";
import { jobsRepo } from "./jobs-repo.js";
import { noteJobMessageSchema } from "./note-job-message.js";
import { runNoteJob } from "./note-job-consumer.js";
import { queueRetryDelaySeconds } from "./retry-policy.js";
import { isWebhookDeliveryQueue } from "../tenant-webhooks/delivery-message.js";
import { dispatchTenantWebhooks, handleDeliveryBatch } from "../tenant-webhooks/delivery-queue-handler.js";

/** A dead-letter queue is recognised by its name. */
export function isDeadLetterQueue(queueName: string): boolean {
  return queueName.endsWith("-dlq");
}

/**
 * The Worker's `queue` handler. For the note-jobs queue it runs each message through
 * {@link runNoteJob} and acks or retries it with the delay that chose. For the dead-letter queue
 * (messages whose deliveries all ended without a recorded outcome: a crash, a D1 outage) it marks the
 * jobs failed, so that no job is lost silently.
 */
export function createQueueHandler(deps: ResolvedDeps, random: () => number = Math.random, options: { webhookDeliveryTimeoutMs?: number | undefined } = {}) {
  return async (batch: MessageBatch<unknown>, env: Env): Promise<void> => {
    if (isWebhookDeliveryQueue(batch.queue)) return handleDeliveryBatch(batch, env, deps, random, { timeoutMs: options.webhookDeliveryTimeoutMs });
    let config;
    try {
      config = parseAppConfig(env as unknown as Record<string, unknown>);
    } catch (error) {
      deps.log({ level: "error", event: "queue.misconfigured", message: error instanceof Error ? error.message : "invalid bindings" });
      batch.retryAll({ delaySeconds: 60 });
      return;
    }
    const deadLetters = isDeadLetterQueue(batch.queue);
    const jobs = jobsRepo(config.db, deps.now);
    // Each message is a different job and waits on its own requests: they run side by side, so a batch
    // takes as long as its slowest note, not the sum of them (each acks or retries only itself).
    await Promise.all(batch.messages.map(async (message) => {
      const parsed = noteJobMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        deps.log({ level: "error", event: "queue.bad_message", queue: batch.queue, message_id: message.id });
        message.ack();
        return;
      }
      try {
        if (deadLetters) {
          await jobs.markFailed({
            id: parsed.data.jobId,
            from: ["queued", "generating"],
            code: "retries_exhausted",
            reason: "Note generation did not finish after every retry (the messages ended in the dead-letter queue).",
          });
          message.ack();
          return;
        }
        const ctx = tenantContext(config, deps, parsed.data.tenantId);
        const outcome = await runNoteJob(ctx, parsed.data.jobId, { attempt: message.attempts, random });
        if (outcome.kind === "ack") message.ack();
        else message.retry({ delaySeconds: outcome.delaySeconds });
      } catch (error) {
        // Infrastructure failure (D1, the queue): let the queue redeliver; after the last try the message
        // goes to the dead-letter queue, whose consumer marks the job failed.
        deps.log({ level: "error", event: "queue.delivery_failed", message_id: message.id, error: error instanceof Error ? error.name : "Error" });
        message.retry({ delaySeconds: queueRetryDelaySeconds(message.attempts, { random }) });
      }
    }));
    // Jobs this batch finished announced themselves in D1 (the jobs trigger): send their webhooks now.
    await dispatchTenantWebhooks(env, config.db, deps);
  };
}
