import type { ResolvedDeps } from "../app-types.js";
import type { AppConfig } from "../config/app-config.js";
import { markEnqueued, markFailed } from "../db/jobs-repo.js";
import { createUncertainReason } from "../notes/create-failure.js";

/** A job `queued` this long without its message being delivered is re-sent. */
export const STALE_QUEUED_MS = 10 * 60_000;
/** A job `creating` this long lost the request that was creating its transcript. */
export const STALE_CREATING_MS = 10 * 60_000;
/** A job `generating` this long without progress lost its delivery (the dead-letter queue missed it too). */
export const STALE_GENERATING_MS = 60 * 60_000;

const BATCH = 100;

/** What one sweep did. */
export interface SweepResult {
  requeued: number;
  failed: number;
}

/**
 * The cron safety net (wrangler.jsonc `triggers.crons`), so that no job waits forever:
 * - `queued` whose message never arrived (not sent, or lost) -> sent again (the consumer is idempotent);
 * - `creating` for too long (the Worker died between recording the job and storing the transcript id)
 *   -> failed with the how-to-find-the-transcript reason; its webhook, if any, still resumes it;
 * - `generating` with no progress for an hour -> failed (retries_exhausted).
 */
export async function sweepStaleJobs(config: AppConfig, deps: ResolvedDeps): Promise<SweepResult> {
  const now = deps.now();
  const db = config.db;
  let requeued = 0;
  let failed = 0;

  const { results: queued } = await db
    .prepare(
      `SELECT id, tenant_id FROM jobs WHERE status = 'queued' AND COALESCE(enqueued_at, updated_at) < ?1 ORDER BY updated_at LIMIT ?2`,
    )
    .bind(now - STALE_QUEUED_MS, BATCH)
    .all<{ id: string; tenant_id: string }>();
  for (const job of queued) {
    await config.noteJobs.send({ jobId: job.id, tenantId: job.tenant_id });
    await markEnqueued(db, job.id, now);
    requeued++;
  }

  const { results: creating } = await db
    .prepare(`SELECT id FROM jobs WHERE status = 'creating' AND updated_at < ?1 LIMIT ?2`)
    .bind(now - STALE_CREATING_MS, BATCH)
    .all<{ id: string }>();
  for (const job of creating) {
    const reason = createUncertainReason(job.id, "the request creating it did not finish");
    if (await markFailed(db, { id: job.id, from: ["creating"], code: "transcript_create_uncertain", reason, now })) failed++;
  }

  const { results: generating } = await db
    .prepare(`SELECT id FROM jobs WHERE status = 'generating' AND updated_at < ?1 LIMIT ?2`)
    .bind(now - STALE_GENERATING_MS, BATCH)
    .all<{ id: string }>();
  for (const job of generating) {
    const reason = "Note generation stopped without a result (no progress for an hour).";
    if (await markFailed(db, { id: job.id, from: ["generating"], code: "retries_exhausted", reason, now })) failed++;
  }

  if (requeued + failed > 0) deps.log({ level: "warn", event: "sweep", requeued, failed });
  return { requeued, failed };
}
