import type { ResolvedDeps } from "../app/app-types.js";
import { deliveriesRepo, type DeliveriesRepo } from "./deliveries-repo.js";
import type { DeliveryMessage } from "./delivery-message.js";

/** Most messages one `sendBatch` call takes (a Cloudflare Queues limit). */
const SEND_BATCH_LIMIT = 100;

/** A pending delivery whose next attempt is this far past without a lease lost its message: the sweep sends it again. */
export const LOST_DELIVERY_MS = 15 * 60 * 1000;

/** Finished deliveries (and events none refers to any more) are deleted this long after their last attempt: 30 days. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** What a dispatch did. */
export interface DispatchResult {
  sent: number;
  failed: number;
  resent: number;
  /** Finished deliveries deleted under {@link DELIVERY_RETENTION_MS}. */
  expired: number;
}

/**
 * Sends one queue message per delivery (one `sendBatch`). On failure the rows are unclaimed, so that
 * the next dispatch (or the sweep) sends them, and the failure is logged with a count only: false.
 */
export async function enqueueDeliveries(
  queue: Queue<DeliveryMessage>,
  repo: DeliveriesRepo,
  deps: ResolvedDeps,
  rows: readonly { id: string; tenant_id: string }[],
): Promise<boolean> {
  if (rows.length === 0) return true;
  try {
    await queue.sendBatch(rows.map((r) => ({ body: { deliveryId: r.id, tenantId: r.tenant_id } })));
    return true;
  } catch (error) {
    await repo.unclaim(rows.map((r) => r.id));
    deps.log({ level: "error", event: "tenant_webhook.enqueue_failed", count: rows.length, error: error instanceof Error ? error.name : "Error" });
    return false;
  }
}

/**
 * Sends the queue messages of deliveries that have none yet (the outbox rows the jobs trigger wrote),
 * `rounds` × 100 at most; with `resendLost`, also those whose message was lost; with `expire`, deletes
 * finished deliveries older than {@link DELIVERY_RETENTION_MS} (500 per call). A failed send puts its
 * rows back for the next dispatch; never throws for a queue failure (logged with counts only).
 */
export async function dispatchOutbox(
  db: D1Database,
  queue: Queue<DeliveryMessage>,
  deps: ResolvedDeps,
  o: { rounds?: number; resendLost?: boolean; expire?: boolean } = {},
): Promise<DispatchResult> {
  const repo = deliveriesRepo(db, deps.now);
  const result: DispatchResult = { sent: 0, failed: 0, resent: 0, expired: 0 };
  const send = async (rows: { id: string; tenant_id: string }[]): Promise<boolean> => {
    const sent = await enqueueDeliveries(queue, repo, deps, rows);
    if (!sent) result.failed += rows.length;
    return sent;
  };
  for (let round = 0; round < (o.rounds ?? 1); round++) {
    const rows = await repo.claimUnsent(SEND_BATCH_LIMIT);
    if (!(await send(rows))) break;
    result.sent += rows.length;
    if (rows.length < SEND_BATCH_LIMIT) break;
  }
  if (o.resendLost) {
    const lost = await repo.claimLost(LOST_DELIVERY_MS, SEND_BATCH_LIMIT);
    if (await send(lost)) result.resent += lost.length;
  }
  if (o.expire) result.expired = await repo.deleteFinishedBefore(deps.now() - DELIVERY_RETENTION_MS, 500);
  return result;
}
