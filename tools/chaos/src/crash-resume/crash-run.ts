import { appendFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { ServedSandbox } from "@org/soap-sandbox/node";
import { workDir } from "../support/env.js";
import { cliTarget, startSandbox } from "../support/sandbox.js";
import { type Attempt, runAttempt } from "./attempts.js";
import { LEDGER_FILE } from "./check-out.js";
import { writeManifest } from "./manifest.js";
import type { KillPlan } from "./plan.js";

/** Visits per batch (the 50). */
export const VISITS = 50;
/** Attempts allowed after the planned kills before a run counts as not resumed. */
export const EXTRA_ATTEMPTS = 3;

/**
 * Latencies small enough for a 50-visit batch to take a few seconds, with jitter on upload, create
 * and chat so kills land mid-request (after the sandbox created a transcript but before the CLI
 * recorded its id, among others).
 */
export function startCrashSandbox(): Promise<ServedSandbox> {
  return startSandbox({
    queuedMs: 5,
    processingMs: 20,
    latency: {
      upload: { baseMs: 5, jitterMs: 40 },
      create: { baseMs: 5, jitterMs: 60 },
      chat: { baseMs: 10, jitterMs: 90 },
      list: { baseMs: 2, jitterMs: 10 },
    },
  });
}

/** The batch command of one run (same every attempt, as a user resumes). */
export function batchArgs(served: ServedSandbox, manifest: string, outDir: string): string[] {
  return ["batch", manifest, "--out", outDir, "--concurrency", "8", "--verbose", ...cliTarget(served)];
}

/** A crash run's attempts and folders. */
export interface CrashRun {
  outDir: string;
  attempts: Attempt[];
  /** Attempts (0-based) that started on a ledger whose last line was torn on purpose. */
  tornBefore: number[];
}

/** The CLI's notice for a torn last ledger line (apps/cli/src/commands/batch/ledger-format.ts). */
export const TORN_NOTICE = "was torn by an interrupted write and is ignored";

/** Appends the first half of a ledger line, without its newline (ids and a stage only, no PHI). */
function tearLedger(outDir: string, visit: string): boolean {
  const path = join(outDir, LEDGER_FILE);
  if (!existsSync(path)) return false;
  appendFileSync(path, `{"v":1,"visit":"${visit}","stage":"transcript_created","at":"2026-`);
  return true;
}

/**
 * One crash run: the batch, SIGKILLed at each planned moment (one kill per attempt), then run
 * again without a kill until it exits with a code rather than a signal, at most
 * {@link EXTRA_ATTEMPTS} more times while it keeps failing.
 */
export async function crashRun(served: ServedSandbox, plan: KillPlan, expectedMs: number, logName: string): Promise<CrashRun> {
  const dir = workDir(`crash-resume/run-${String(plan.run).padStart(2, "0")}`);
  const outDir = join(dir, "notes");
  const args = batchArgs(served, writeManifest(dir, VISITS), outDir);
  const attempts: Attempt[] = [];
  const tornBefore: number[] = [];
  for (const [i, kill] of plan.kills.entries()) {
    const a = await runAttempt(args, { logName, outDir, total: VISITS, expectedMs, kill });
    attempts.push(a);
    // The batch finished before this kill's moment: nothing left to kill.
    if (a.killedAtMs === undefined) return { outDir, attempts, tornBefore };
    if (plan.tear[i] === true && tearLedger(outDir, `visit-${String(1 + (plan.seed % VISITS)).padStart(3, "0")}`)) tornBefore.push(attempts.length);
  }
  for (let i = 0; i < EXTRA_ATTEMPTS; i++) {
    const a = await runAttempt(args, { logName, outDir, total: VISITS, expectedMs });
    attempts.push(a);
    if (a.result.code === 0) break;
  }
  return { outDir, attempts, tornBefore };
}

/** One line per attempt (timings, exit), for the logs. */
export function describeAttempts(attempts: readonly Attempt[]): string {
  return attempts
    .map((a, i) => {
      const left = a.leftover ? ` (left ${a.leftover.tempFiles} temp file(s)${a.leftover.lock ? ", the lock" : ""}${a.leftover.tornLedger ? ", a torn ledger line" : ""})` : "";
      const end = a.killedAtMs !== undefined ? `SIGKILL at ${a.killedAtMs}ms${left}` : `exit ${a.result.code ?? a.result.signal} at ${a.elapsedMs}ms`;
      return `  attempt ${i + 1}: ${a.notesBefore} notes before, first output at ${a.firstOutputMs ?? "-"}ms, ${end}`;
    })
    .join("\n");
}
