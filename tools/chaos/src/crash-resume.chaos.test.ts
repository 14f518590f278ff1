/**
 * Crash and resume: 10 runs of a 50-visit batch, each SIGKILLed at 1–3 seeded moments and re-run
 * until it finishes. Every run must end with exit 0, 50 valid notes (.json and its .md), no temp or
 * lock file, a ledger of whole lines with one transcript and one note per visit, and exactly 50
 * transcripts created at the sandbox over all its attempts: a resume never pays for a transcript twice.
 */
import type { ServedSandbox } from "@org/soap-sandbox/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Attempt, runAttempt } from "./crash-resume/attempts.js";
import { checkOutFolder } from "./crash-resume/check-out.js";
import { batchArgs, crashRun, describeAttempts, startCrashSandbox, TORN_NOTICE, VISITS } from "./crash-resume/crash-run.js";
import { visitIds, writeManifest } from "./crash-resume/manifest.js";
import { describePlan, killPlan } from "./crash-resume/plan.js";
import { chaosEnv, workDir } from "./support/env.js";
import { saveLog } from "./support/logs.js";
import { addTally } from "./support/tally.js";

const RUNS = 10;
const LOG = "crash-resume";
const { seed } = chaosEnv();
const plans = Array.from({ length: RUNS }, (_, run) => killPlan(seed, run + 1));
const ids = visitIds(VISITS);

describe(`crash and resume (seed ${seed})`, () => {
  const totals = { kills: 0, lostCreatesFound: 0, recreates: 0, extraUploads: 0, tempFiles: 0, tornLines: 0, tornOnPurpose: 0 };
  afterAll(() => {
    saveLog(
      LOG,
      `totals: ${totals.kills} SIGKILLs; ${totals.lostCreatesFound} create answers lost to a kill and found by lookup; ` +
        `${totals.recreates} creates lost before the API and sent again; ${totals.extraUploads} repeated uploads; ` +
        `${totals.tempFiles} temp files and ${totals.tornLines} torn ledger lines left by kills, ${totals.tornOnPurpose} more torn on purpose`,
    );
  });

  /** First output to exit of an uninterrupted batch: what kill fractions are taken of. */
  let expectedMs = 4000;

  beforeAll(async () => {
    // A clean batch first: it measures the batch's length and shows a kill-free run is itself clean.
    const served = await startCrashSandbox();
    try {
      const dir = workDir("crash-resume/baseline");
      const outDir = `${dir}/notes`;
      const a: Attempt = await runAttempt(batchArgs(served, writeManifest(dir, VISITS), outDir), { logName: LOG, outDir, total: VISITS, expectedMs });
      const check = checkOutFolder(outDir, ids);
      expect(a.result.code).toBe(0);
      expect(check.problems).toEqual([]);
      expect(served.sandbox.counters.transcriptsCreated).toBe(VISITS);
      // A cold first run is slower than the ones after it: take 80 % so planned kills land in time.
      expectedMs = Math.max(500, Math.round(0.8 * (a.elapsedMs - (a.firstOutputMs ?? 0))));
      saveLog(LOG, `baseline: ${VISITS} visits in ${a.elapsedMs}ms (first output at ${a.firstOutputMs ?? "-"}ms); kill fractions are of ${expectedMs}ms`);
    } finally {
      await served.close();
    }
  });

  for (const plan of plans) {
    test(`run ${plan.run} (seed ${plan.seed}): ${describePlan(plan)}`, async ({ task }) => {
      const served: ServedSandbox = await startCrashSandbox();
      let run;
      try {
        run = await crashRun(served, plan, expectedMs, LOG);
      } finally {
        await served.close();
      }
      const kills = run.attempts.filter((a) => a.killedAtMs !== undefined).length;
      const counters = served.sandbox.counters;
      const check = checkOutFolder(run.outDir, ids, run.attempts.flatMap((a) => (a.leftover ? [a.leftover.ledgerLines] : [])));
      totals.kills += kills;
      totals.lostCreatesFound += check.lostCreatesFound;
      totals.recreates += check.recreates;
      totals.extraUploads += counters.uploads - VISITS;
      totals.tempFiles += run.attempts.reduce((n, a) => n + (a.leftover?.tempFiles ?? 0), 0);
      totals.tornLines += run.attempts.filter((a) => a.leftover?.tornLedger === true).length;
      totals.tornOnPurpose += run.tornBefore.length;
      saveLog(
        LOG,
        `run ${plan.run} (seed ${plan.seed}): ${describePlan(plan)}\n${describeAttempts(run.attempts)}\n` +
          `${run.tornBefore.length > 0 ? `  half a ledger line appended before attempt(s) ${run.tornBefore.map((i) => i + 1).join(", ")}\n` : ""}` +
          `  => ${kills} kill(s), transcripts created ${counters.transcriptsCreated}, uploads ${counters.uploads}, ` +
          `list calls ${counters.calls("list")}, creates sent again ${check.recreates}, lost create answers found by lookup ${check.lostCreatesFound}, ` +
          `notes ${check.notes}, ledger lines ${check.ledgerLines}`,
      );
      addTally(task, { crashRuns: 1, kills });

      const last = run.attempts.at(-1);
      expect(kills, "at least one SIGKILL landed").toBeGreaterThanOrEqual(1);
      expect(run.attempts.slice(0, -1).map((a) => a.result.signal), "every attempt but the last was killed").toEqual(run.attempts.slice(0, -1).map(() => "SIGKILL"));
      expect(last?.result.code, "the last attempt exits 0").toBe(0);
      expect(check.problems).toEqual([]);
      expect(check.notes).toBe(VISITS);
      // A torn last line is reported (by line number) and truncated by the attempt after it.
      for (const i of run.tornBefore) {
        const next = run.attempts[i];
        if (next?.result.code === 0) expect(next.result.stderr, `attempt ${i + 1} reports the torn ledger line`).toContain(TORN_NOTICE);
      }
      expect(counters.transcriptsCreated, "transcripts created over every attempt").toBe(VISITS);
      expect(new Set(check.transcriptOf.values()).size).toBe(VISITS);
      expect([...served.sandbox.state.transcripts.keys()].sort()).toEqual([...check.transcriptOf.values()].sort());
      addTally(task, { crashesResumed: 1 });
    });
  }
});
