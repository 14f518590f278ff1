import { lookUpLostCreate } from "@org/soap-core/visit";
import { makeClients } from "../app/clients.js";
import { tenantContext } from "../app/tenant-context.js";
import { HttpError } from "../http/errors.js";
import { resendCreate } from "../notes/create-note-job.js";
import { webhookUrlNamesJob } from "../webhooks/job-webhook-url.js";
import { sendMessages } from "./send-messages.js";
import type { SweepContext } from "./sweeper.js";
import { UNCERTAIN_CREATE_SETTLE_MS, uncertainCreatesRepo, type UncertainCreate } from "./uncertain-creates-repo.js";

/** Creates sent for one job at most (the request's own included) before it fails for good. */
export const UNCERTAIN_CREATE_MAX_SENDS = 3;
/** Uncertain creates one sweep looks at. */
export const UNCERTAIN_CREATE_BATCH = 20;
/** Listed transcripts one look-up scans at most (a busy account makes many in the window). */
export const UNCERTAIN_CREATE_MAX_ROWS = 10_000;

/** What became of one uncertain create in a sweep. */
type Resolution = "found" | "resent" | "gave_up" | "waiting" | "gone";

/**
 * The sweep's step for creates whose outcome is unknown (`transcript_create_uncertain` with no
 * transcript id: the connection failed, the answer was lost, and neither the request's immediate look-up
 * nor a webhook has found the transcript; or the Worker sending it died, and the sweeper failed the job
 * stuck in `creating` as uncertain: its row was written before the create was sent). Once a create has settled ({@link UNCERTAIN_CREATE_SETTLE_MS}
 * after it was sent) it is looked up with core's `lookUpLostCreate` (the list, by `audio_url`, checked
 * against the job's own `webhook_url`):
 * - found -> the job waits for that transcript again (`transcribing`; the webhook, or the `transcribing`
 *   step, queues it);
 * - never made (the whole window scanned) -> sent again with the same plan and webhook, up to
 *   {@link UNCERTAIN_CREATE_MAX_SENDS} creates in all, then `transcript_create_failed` for good;
 * - inconclusive (the list failed, the row cap) -> looked up again later. Never sent again on a guess.
 * A job that moved on meanwhile (its webhook came, it was deleted) just drops its row. A job still
 * `creating` (a create of it on its way, or a Worker that died and that the sweeper's `creating` step
 * has not failed yet) is looked at again later.
 */
export async function resolveUncertainCreates(ctx: SweepContext): Promise<void> {
  const { config, deps, result, remainingMs } = ctx;
  const repo = uncertainCreatesRepo(config.db, deps.now);
  const due = await repo.due(UNCERTAIN_CREATE_BATCH);
  if (due.length === 0) return;
  const { transcripts } = makeClients(config, deps, 0);
  for (const row of due) {
    if (remainingMs() <= 0) {
      result.budgetExhausted = true;
      return;
    }
    try {
      const outcome = await resolveOne(ctx, repo, transcripts, row);
      if (outcome === "gave_up") result.failed++;
      if (outcome === "found" || outcome === "resent") deps.log({ level: "warn", event: "sweep.uncertain_create", job_id: row.job_id, outcome });
    } catch (error) {
      result.errors++;
      // Looked at, nothing concluded: the others get their turn first next time.
      await repo.postpone(row.job_id, deps.now() + UNCERTAIN_CREATE_SETTLE_MS).catch(() => undefined);
      deps.log({ level: "warn", event: "sweep.item_failed", step: "uncertain_creates", job_id: row.job_id, error: error instanceof Error ? error.name : "Error" });
    }
  }
}

/** A found transcript that already finished: its webhook will not come again, so the job moves on as it would have. */
async function queueFinished(ctx: SweepContext, jobId: string, tenantId: string, transcriptId: string, status: string): Promise<void> {
  const { transitioned } = await ctx.jobs.applyWebhook({ jobId, transcriptId, transcriptStatus: status });
  if (!transitioned) return;
  // Not sent: the `queued` step of a later sweep sends it.
  const { sent } = await sendMessages(ctx.config.noteJobs, [{ jobId, tenantId }]);
  await ctx.jobs.markEnqueuedMany(sent);
  ctx.result.requeued += sent.length;
}

async function resolveOne(
  ctx: SweepContext,
  repo: ReturnType<typeof uncertainCreatesRepo>,
  transcripts: ReturnType<typeof makeClients>["transcripts"],
  row: UncertainCreate,
): Promise<Resolution> {
  const { config, deps, remainingMs } = ctx;
  const found = await repo.job(row.job_id);
  if (found?.job.status === "creating") {
    // A create of it is on its way (another sweep's): its own outcome updates the row.
    await repo.postpone(row.job_id, deps.now() + UNCERTAIN_CREATE_SETTLE_MS);
    return "waiting";
  }
  if (found === null || !found.waiting) {
    await repo.forget(row.job_id);
    return "gone";
  }
  const { job } = found;
  const timeoutMs = Math.max(1, Math.min(config.http.timeoutMs ?? 60_000, remainingMs()));
  const seen = await lookUpLostCreate((p, o) => transcripts.list(p, { ...o, timeoutMs }), { audioUrl: row.audio_url, sentAtMs: row.sent_at }, {
    maxRows: UNCERTAIN_CREATE_MAX_ROWS,
    isOurs: async (id) => webhookUrlNamesJob((await transcripts.get(id, { timeoutMs })).webhook_url, job.id),
  });
  if (seen.kind === "found") {
    // Another job holding it (it cannot: the URL names this job) or a webhook first: either way not ours to move.
    if (!(await repo.link(job.id, seen.id))) {
      await repo.forget(job.id);
      return "gone";
    }
    if (seen.status === "completed" || seen.status === "error") await queueFinished(ctx, job.id, job.tenant_id, seen.id, seen.status);
    return "found";
  }
  if (seen.kind === "unknown") {
    await repo.postpone(job.id, deps.now() + UNCERTAIN_CREATE_SETTLE_MS);
    return "waiting";
  }
  if (row.sends >= UNCERTAIN_CREATE_MAX_SENDS) {
    const reason =
      `The transcript could not be created: AssemblyAI could not be reached (or its answers were lost) ${row.sends} times, ` +
      `and a look-up showed that none of these creates was made, so nothing was billed. Send the note again.`;
    return (await repo.giveUp(job.id, reason)) ? "gave_up" : "gone";
  }
  if (!(await repo.reopen(job.id))) {
    await repo.forget(job.id);
    return "gone";
  }
  try {
    // Its outcome updates the row as the request's own create's does: made or rejected -> gone; uncertain -> due later.
    await resendCreate(tenantContext(config, deps, job.tenant_id), job, row.audio_url);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
  }
  return "resent";
}
