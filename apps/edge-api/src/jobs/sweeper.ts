import { retentionCutoff, retentionDecision, retentionFromHours } from "@org/soap-core/visit";
import type { ResolvedDeps } from "../app/app-types.js";
import { makeClients } from "../app/clients.js";
import type { AppConfig } from "../config/app-config.js";
import { createUncertainReason } from "../notes/create-failure.js";
import { offboardTenant, pendingOffboardings } from "../tenants/offboard-tenant.js";
import { jobsRepo, type JobsRepo } from "./jobs-repo.js";
import { purgesRepo, type PurgesRepo } from "./purges-repo.js";
import { NOTE_JOB_MAX_ATTEMPTS } from "./retry-policy.js";
import { sendMessages } from "./send-messages.js";
import { resolveUncertainCreates } from "./resolve-uncertain-creates.js";
import { recoverTranscribing } from "./sweep-transcribing.js";
import { purgeIsOver, runPurge } from "./transcript-purge.js";
import { STALE_CREATING_MS } from "./uncertain-creates-repo.js";

/** A job `queued` this long without its message being delivered is re-sent. */
export const STALE_QUEUED_MS = 10 * 60_000;
/**
 * A job `transcribing` this long has likely lost its webhook (AssemblyAI does not retry a 4xx answer,
 * and gives up after its last retry): its transcript is looked up instead.
 */
export const STALE_TRANSCRIBING_MS = 30 * 60_000;
/** A job `generating` without a lease and without progress this long lost its delivery (the dead-letter queue missed it too). */
export const STALE_GENERATING_MS = 60 * 60_000;
/** Jobs (or purges) one step of one sweep looks at. */
export const SWEEP_BATCH = 100;
/** Wall time one sweep may take; the steps that call AssemblyAI stop when it is spent (the next sweep goes on). */
export const SWEEP_BUDGET_MS = 20_000;

/** What one sweep did. */
export interface SweepResult {
  /** Generation messages sent again (lost, never sent, or their delivery died). */
  requeued: number;
  /** Jobs marked failed. */
  failed: number;
  /** Transcripts deleted at AssemblyAI (or found already gone). */
  purged: number;
  /** Finished jobs whose transcript retention queued for deletion. */
  retentionQueued: number;
  /** Tenants offboarded. */
  offboarded: number;
  /** Items that failed (a send, a lookup, a statement) and are tried again by a later sweep. */
  errors: number;
  /** True when the time budget ran out before every step had run. */
  budgetExhausted: boolean;
}

/** Options of {@link sweepStaleJobs}. */
export interface SweepOptions {
  /** @default SWEEP_BUDGET_MS */
  budgetMs?: number;
}

/** What every step works with. */
export interface SweepContext {
  config: AppConfig;
  deps: ResolvedDeps;
  /** The sweep's instant: every cutoff and every timestamp it writes. */
  now: number;
  jobs: JobsRepo;
  purges: PurgesRepo;
  result: SweepResult;
  /** Milliseconds of the budget left (read from the live clock). */
  remainingMs: () => number;
}

/**
 * The cron safety net (wrangler.jsonc `triggers.crons`), so that no job waits forever and no transcript
 * stays at AssemblyAI longer than it should. Each step is on its own: a step or an item that fails is
 * logged and counted (`errors`), the others go on; an item that could not be moved is stamped, so that
 * the next sweep serves the others first. The steps, cheapest first:
 * - `queued` whose message never arrived -> sent again (`sendBatch`; the consumer's lease makes duplicates harmless);
 * - `creating` for too long (the Worker died mid-create) -> failed as uncertain: its create, recorded
 *   with its audio URL before it was sent, is then resolved by the uncertain-creates step (or its webhook);
 * - `generating` whose lease expired (its delivery died) -> sent again to be taken over (failed once
 *   attempts are spent); without a lease and without progress for an hour -> failed;
 * - offboarding requests -> carried out (transcripts queued for deletion, tenant data deleted);
 * - finished jobs past `RETENTION_HOURS` (core's `retentionDecision`) -> transcript queued for deletion;
 * - due transcript deletions -> tried (deleted, gone, not ready yet, failed: later);
 * - creates whose outcome is unknown -> looked up once settled: found -> linked; never made -> sent
 *   again (at most 3 creates in all, then failed for good); inconclusive -> later (`resolveUncertainCreates`);
 * - `transcribing` for too long (webhook lost) -> transcript looked up: finished -> queued; gone -> failed.
 * The last three call AssemblyAI and stop when the time budget is spent.
 */
export async function sweepStaleJobs(config: AppConfig, deps: ResolvedDeps, options: SweepOptions = {}): Promise<SweepResult> {
  const now = deps.now();
  const deadline = now + (options.budgetMs ?? SWEEP_BUDGET_MS);
  const clock = () => now;
  const ctx: SweepContext = {
    config,
    deps,
    now,
    jobs: jobsRepo(config.db, clock),
    purges: purgesRepo(config.db, clock),
    result: { requeued: 0, failed: 0, purged: 0, retentionQueued: 0, offboarded: 0, errors: 0, budgetExhausted: false },
    remainingMs: () => deadline - deps.now(),
  };
  const steps: [string, (ctx: SweepContext) => Promise<void>][] = [
    ["queued", requeueQueued],
    ["creating", failStaleCreating],
    ["generating", recoverGenerating],
    ["offboarding", carryOutOffboardings],
    ["retention", queueRetention],
    ["purges", runDuePurges],
    ["uncertain_creates", resolveUncertainCreates],
    ["transcribing", recoverStaleTranscribing],
  ];
  for (const [name, step] of steps) {
    if (ctx.remainingMs() <= 0) {
      ctx.result.budgetExhausted = true;
      break;
    }
    try {
      await step(ctx);
    } catch (error) {
      ctx.result.errors++;
      deps.log({ level: "error", event: "sweep.step_failed", step: name, error: error instanceof Error ? error.name : "Error" });
    }
  }
  const r = ctx.result;
  if (r.requeued + r.failed + r.purged + r.retentionQueued + r.offboarded + r.errors > 0 || r.budgetExhausted) {
    deps.log({ level: r.errors > 0 ? "warn" : "info", event: "sweep", ...r });
  }
  return r;
}

async function requeueQueued({ config, deps, jobs, result }: SweepContext): Promise<void> {
  const stale = await jobs.staleQueued(STALE_QUEUED_MS, SWEEP_BATCH);
  const { sent, failed, error } = await sendMessages(config.noteJobs, stale.map((j) => ({ jobId: j.id, tenantId: j.tenant_id })));
  await jobs.markEnqueuedMany(sent);
  result.requeued += sent.length;
  if (failed.length > 0) {
    await jobs.touch(failed, "queued");
    result.errors += failed.length;
    deps.log({ level: "warn", event: "sweep.send_failed", step: "queued", jobs: failed.length, error });
  }
}

async function failStaleCreating({ deps, jobs, result }: SweepContext): Promise<void> {
  for (const job of await jobs.staleCreating(STALE_CREATING_MS, SWEEP_BATCH)) {
    try {
      const reason = createUncertainReason(job.id, "the request creating it did not finish");
      if (await jobs.markFailed({ id: job.id, from: ["creating"], code: "transcript_create_uncertain", reason })) result.failed++;
    } catch (error) {
      result.errors++;
      deps.log({ level: "warn", event: "sweep.item_failed", step: "creating", job_id: job.id, error: error instanceof Error ? error.name : "Error" });
    }
  }
}

async function recoverGenerating({ config, deps, now, jobs, result }: SweepContext): Promise<void> {
  const takeOver: { jobId: string; tenantId: string }[] = [];
  for (const job of await jobs.staleGenerating(STALE_GENERATING_MS, SWEEP_BATCH)) {
    const expiredLease = job.lease_until !== null && job.lease_until < now;
    if (expiredLease && job.attempts < NOTE_JOB_MAX_ATTEMPTS) {
      takeOver.push({ jobId: job.id, tenantId: job.tenant_id });
      continue;
    }
    const reason = expiredLease
      ? `Note generation stopped without a result after ${job.attempts} attempts (its last delivery died).`
      : "Note generation stopped without a result (no progress for an hour).";
    try {
      if (await jobs.markFailed({ id: job.id, from: ["generating"], code: "retries_exhausted", reason })) result.failed++;
    } catch (error) {
      result.errors++;
      deps.log({ level: "warn", event: "sweep.item_failed", step: "generating", job_id: job.id, error: error instanceof Error ? error.name : "Error" });
    }
  }
  if (takeOver.length === 0) return;
  await jobs.freeExpiredLeases(takeOver.map((m) => m.jobId));
  const { sent, failed, error } = await sendMessages(config.noteJobs, takeOver);
  result.requeued += sent.length;
  result.errors += failed.length;
  if (failed.length > 0) deps.log({ level: "warn", event: "sweep.send_failed", step: "generating", jobs: failed.length, error });
}

async function carryOutOffboardings({ config, deps, now, result }: SweepContext): Promise<void> {
  for (const request of await pendingOffboardings(config.db, 10)) {
    try {
      const done = await offboardTenant(config.db, () => now, request.tenant_id);
      result.offboarded++;
      deps.log({ level: "warn", event: "tenant.offboarded", tenant_id: done.tenantId, jobs_removed: done.jobsRemoved, transcripts_queued: done.transcriptsQueued });
    } catch (error) {
      result.errors++;
      deps.log({ level: "error", event: "tenant.offboarding_failed", tenant_id: request.tenant_id, error: error instanceof Error ? error.name : "Error" });
    }
  }
}

async function queueRetention({ config, now, jobs, purges, result }: SweepContext): Promise<void> {
  const policy = retentionFromHours(config.retentionHours);
  const cutoff = retentionCutoff(policy, now);
  if (cutoff === undefined) return;
  const due = (await jobs.retentionDue(cutoff, SWEEP_BATCH)).filter(
    (job) => retentionDecision(policy, { transcriptId: job.transcript_id, noteStoredAt: job.finished_at }, now).action === "delete",
  );
  if (due.length === 0) return;
  await config.db.batch(
    due.map((job) => purges.insertStatement({ transcriptId: job.transcript_id, jobId: job.id, tenantId: job.tenant_id, reason: "retention", verify: false })),
  );
  result.retentionQueued += due.length;
}

async function runDuePurges({ config, deps, purges, result, remainingMs }: SweepContext): Promise<void> {
  const due = await purges.due(SWEEP_BATCH);
  if (due.length === 0) return;
  // No retries inside the cron run: the next sweep tries again.
  const { transcripts } = makeClients(config, deps, 0);
  for (const row of due) {
    if (remainingMs() <= 0) {
      result.budgetExhausted = true;
      return;
    }
    try {
      const outcome = await runPurge({ purges, transcripts, deps }, row, { timeoutMs: Math.max(1, Math.min(config.http.timeoutMs ?? 60_000, remainingMs())) });
      if (purgeIsOver(outcome)) result.purged++;
      else if (outcome === "failed") result.errors++;
    } catch (error) {
      result.errors++;
      deps.log({ level: "warn", event: "sweep.item_failed", step: "purges", transcript_id: row.transcript_id, error: error instanceof Error ? error.name : "Error" });
    }
  }
}

async function recoverStaleTranscribing(ctx: SweepContext): Promise<void> {
  const { config, deps, jobs, result, remainingMs } = ctx;
  const stale = await jobs.staleTranscribing(STALE_TRANSCRIBING_MS, SWEEP_BATCH);
  if (stale.length === 0) return;
  const { transcripts } = makeClients(config, deps, 0);
  const toSend: { jobId: string; tenantId: string }[] = [];
  for (const job of stale) {
    if (remainingMs() <= 0) {
      result.budgetExhausted = true;
      break;
    }
    const outcome = await recoverTranscribing({ deps, jobs, transcripts, timeoutMs: Math.max(1, Math.min(config.http.timeoutMs ?? 60_000, remainingMs())) }, job);
    if (outcome === "queued") toSend.push({ jobId: job.id, tenantId: job.tenant_id });
    else if (outcome === "failed") result.failed++;
    else if (outcome === "error") result.errors++;
  }
  const { sent, failed, error } = await sendMessages(config.noteJobs, toSend);
  await jobs.markEnqueuedMany(sent);
  result.requeued += sent.length;
  // Queued but not sent: the `queued` step of a later sweep sends them.
  result.errors += failed.length;
  if (failed.length > 0) deps.log({ level: "warn", event: "sweep.send_failed", step: "transcribing", jobs: failed.length, error });
}
