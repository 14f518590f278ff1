import { BatchScheduler } from "@org/soap-core/visit";
import type { Settings } from "../../config/settings.js";

/**
 * The batch's scheduler (core's {@link BatchScheduler}): `--concurrency` requests in flight per
 * stage (uploads, creates, status polls, gateway calls, other), twice that many visits in progress,
 * and one request budget for the whole run under `--max-requests-per-5min` (core's default,
 * 18,000, when unset). One per process and key: the CLI runs one batch per process.
 */
export function batchScheduler(settings: Settings): BatchScheduler {
  return new BatchScheduler({
    concurrency: settings.concurrency,
    budget: settings.maxRequestsPer5Min !== undefined ? { maxRequests: settings.maxRequestsPer5Min } : {},
  });
}

/**
 * Sockets per origin for a batch: the v2 API host serves four stages (uploads, creates, polls,
 * other), each with up to `--concurrency` requests in flight, so a long upload never makes a poll
 * wait for a socket. The gateway host only ever sees the chat stage, so it uses fewer.
 */
export function batchConnections(scheduler: BatchScheduler): number {
  return scheduler.limitOf("upload") + scheduler.limitOf("create") + scheduler.limitOf("poll") + scheduler.limitOf("other");
}
