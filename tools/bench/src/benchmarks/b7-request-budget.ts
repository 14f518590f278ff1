import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { getTemplate } from "@org/soap-prompts";
import { ASSEMBLYAI_REQUEST_LIMIT, BatchScheduler, mapSettledWithLimit, type PollBudgetStats } from "@org/soap-core/visit";
import { nowMs, type BenchContext } from "../internal/context.js";
import { formatMs, formatRatio } from "../internal/format.js";
import { BATCH_MODEL, describeModel } from "../internal/latency-model.js";
import { ourClients, runOurVisit } from "../internal/ours.js";
import { peakInWindow, requestLog } from "../internal/request-log.js";
import type { BenchRow } from "../internal/result.js";
import { startSandbox } from "../internal/sandbox-harness.js";

const VISITS = 1000;
const CONCURRENCY = 200;
const WINDOW_MS = ASSEMBLYAI_REQUEST_LIMIT.windowMs;
const LIMIT = ASSEMBLYAI_REQUEST_LIMIT.maxRequests;
/** Per-attempt timeout of B7's clients (uploads' inactivity timeout too). */
const TIMEOUT_MS = 600_000;

/** What one batch sent. */
interface BudgetOutcome {
  wallMs: number;
  failed: number;
  failures: string[];
  transcripts: number;
  requests: number;
  polls: number;
  /** Most sends in any 5-minute window (all of them when the batch was shorter). */
  peakWindow: number;
  /** Most sends in any 60 s window, × 5: the pace of the busiest minute held for 5 minutes. */
  busiestMinuteX5: number;
  budget: PollBudgetStats | undefined;
  budgetMax: number | undefined;
}

async function runBatch(ctx: BenchContext, files: string[], withBudget: boolean): Promise<BudgetOutcome> {
  const sb = await startSandbox({ model: BATCH_MODEL, fixturesDir: ctx.paths.fixturesDir, seed: 77, concurrency: CONCURRENCY });
  const scheduler = new BatchScheduler({ concurrency: CONCURRENCY, budget: withBudget ? {} : false });
  const connections = scheduler.limitOf("upload") + scheduler.limitOf("create") + scheduler.limitOf("poll") + scheduler.limitOf("other");
  const log = requestLog(nowMs);
  // Long timeouts: with 400 visits in progress, the in-process sandbox on a shared machine answers
  // slowly, and B7 counts requests, not latency (a timed-out attempt would add a retry and could fail
  // a visit for the harness's sake).
  const clients = ourClients(sb.origin, sb.apiKey, connections, { gate: scheduler, timeoutMs: TIMEOUT_MS, uploadIdleTimeoutMs: TIMEOUT_MS }, (url) => log.record(url));
  const template = getTemplate("soap-complete");
  try {
    const created0 = sb.sandbox.counters.transcriptsCreated;
    const items = Array.from({ length: VISITS }, (_, i) => files[i % files.length] as string);
    const start = nowMs();
    const settled = await mapSettledWithLimit(items, scheduler.visitsInFlight, (file) => runOurVisit(file, clients, template, undefined, scheduler.transcriptionSlots));
    const wallMs = nowMs() - start;
    const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason instanceof Error ? `${s.reason.name}: ${s.reason.message}`.slice(0, 80) : String(s.reason)] : []));
    const times = [...log.times].sort((a, b) => a - b);
    return {
      wallMs,
      failed: failures.length,
      failures,
      transcripts: sb.sandbox.counters.transcriptsCreated - created0,
      requests: times.length,
      polls: log.polls,
      peakWindow: peakInWindow(times, WINDOW_MS),
      busiestMinuteX5: peakInWindow(times, 60_000) * (WINDOW_MS / 60_000),
      budget: scheduler.budget?.stats(),
      budgetMax: scheduler.budget?.maxRequests,
    };
  } finally {
    await clients.close();
    await sb.close();
  }
}

function describe(o: BudgetOutcome): string {
  const perT = o.requests / Math.max(1, o.transcripts);
  const short = o.wallMs < WINDOW_MS ? ` (the batch took ${formatMs(o.wallMs)}, under one window, so this is every request it sent)` : "";
  return (
    `${o.requests} requests for ${o.transcripts} transcripts (${perT.toFixed(1)} per transcript, ${(o.polls / Math.max(1, o.transcripts)).toFixed(1)} of them status polls), ` +
    `peak ${o.peakWindow} in any 5-minute window${short}; busiest minute × 5 = ${Math.round(o.busiestMinuteX5)}; wall ${formatMs(o.wallMs)}, ${o.failed} failed` +
    (o.budget ? `; budget ${o.budgetMax} per 5 min: ${o.budget.delayed} of ${o.budget.granted} requests waited for a token, longest ${formatMs(o.budget.maxWaitMs)}` : "") +
    (o.failed > 0 ? `; failures: ${[...new Set(o.failures)].slice(0, 3).join("; ")}` : "")
  );
}

/**
 * B7: requests per transcript and the peak requests in any 5-minute window for 1,000 visits at
 * concurrency 200 on the sandbox (batch latency model), with core's default request budget, against
 * AssemblyAI's 20,000 requests per 5 minutes; and the same batch without a budget, for comparison.
 */
export async function runB7(ctx: BenchContext): Promise<BenchRow[]> {
  const files = (await readdir(ctx.paths.visitsDir)).filter((f) => f.endsWith(".mp3")).sort().map((f) => join(ctx.paths.visitsDir, f));
  if (files.length === 0) throw new Error(`no sample audio in ${ctx.paths.visitsDir}`);
  const ours = await runBatch(ctx, files, true);
  ctx.log(`  B7 with budget: ${describe(ours)}`);
  const open = await runBatch(ctx, files, false);
  ctx.log(`  B7 without budget: ${describe(open)}`);
  const setup =
    `${VISITS} audio visits (upload, create, status polls, one chat) through core's BatchScheduler as the CLI's batch runs them, ${CONCURRENCY} requests per stage, ` +
    `${CONCURRENCY * 2} visits in progress; the sandbox transcribes ${CONCURRENCY} at once; every request counted as it leaves (retries included, after the scheduler); clients' timeouts ${TIMEOUT_MS / 1000} s (the in-process sandbox answers slowly with 400 visits in progress on a shared machine); ` +
    `"busiest minute × 5" is what the batch's busiest 60 s would send if held for a whole window (the honest scale-up when a batch is shorter than 5 minutes; it overstates a budgeted batch, whose burst allowance is spent once); ${describeModel(BATCH_MODEL)}`;
  const perT = (o: BudgetOutcome) => (o.requests / Math.max(1, o.transcripts)).toFixed(1);
  const limitText = `${LIMIT} per 5 min (AssemblyAI's account limit)`;
  return [
    {
      id: "B7",
      name: `B7 request budget: ${VISITS} visits @ ${CONCURRENCY} (requests per 5 min)`,
      ours: `peak ${ours.peakWindow} per 5 min, ${perT(ours)} req/transcript, ${ours.failed} failed`,
      baseline: "n/a",
      limit: limitText,
      ratio: `peak/limit ${formatRatio(ours.peakWindow / LIMIT)}; busiest minute × 5 / limit ${formatRatio(ours.busiestMinuteX5 / LIMIT)}`,
      target: "peak in any 5 min <= 20000, 0 failed",
      met: ours.peakWindow <= LIMIT && ours.failed === 0 && ours.transcripts === VISITS,
      limitedBy: `${describe(ours)}`,
      notes: `${describe(ours)}. ${setup}`,
    },
    {
      id: "B7",
      name: `B7 what-if: the same batch without a request budget`,
      ours: `peak ${open.peakWindow} per 5 min, ${perT(open)} req/transcript, ${open.failed} failed`,
      baseline: "n/a",
      limit: limitText,
      ratio: `peak/limit ${formatRatio(open.peakWindow / LIMIT)}; busiest minute × 5 / limit ${formatRatio(open.busiestMinuteX5 / LIMIT)}`,
      target: "peak in any 5 min <= 20000, 0 failed",
      met: open.peakWindow <= LIMIT && open.failed === 0,
      limitedBy: `NOT the default (budget: false): shows what the budget prevents. ${describe(open)}`,
      notes: `NOT the default: BatchScheduler({ budget: false }). ${describe(open)}. ${setup}`,
    },
  ];
}
