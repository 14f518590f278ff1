import type { ChaosTally } from "./tally.js";

/** The minimums the issue sets for one chaos run. */
export const MINIMUMS = { crashRuns: 10, badInputs: 40, fuzzCases: 100_000 } as const;

/** What is wrong with a run's totals (empty when the run meets every minimum and lost nothing). */
export function shortfalls(t: Required<ChaosTally>): string[] {
  const out: string[] = [];
  if (t.faultCases === 0) out.push("no fault-matrix cell ran");
  if (t.faultsSurvived + t.faultsFailedCleanly !== t.faultCases) {
    out.push(`fault matrix: ${t.faultCases - t.faultsSurvived - t.faultsFailedCleanly} of ${t.faultCases} cells ended neither survived nor cleanly failed`);
  }
  if (t.crashRuns < MINIMUMS.crashRuns) out.push(`crash/resume: ${t.crashRuns} runs, need ${MINIMUMS.crashRuns}`);
  if (t.crashesResumed !== t.crashRuns) out.push(`crash/resume: ${t.crashRuns - t.crashesResumed} of ${t.crashRuns} runs not resumed to 50 valid notes and 50 transcripts`);
  if (t.badInputs < MINIMUMS.badInputs) out.push(`bad inputs: ${t.badInputs} tried, need ${MINIMUMS.badInputs}`);
  if (t.badInputsAnswered !== t.badInputs) out.push(`bad inputs: ${t.badInputs - t.badInputsAnswered} of ${t.badInputs} not answered as expected`);
  if (t.fuzzCases < MINIMUMS.fuzzCases) out.push(`parser fuzz: ${t.fuzzCases} cases, need ${MINIMUMS.fuzzCases}`);
  if (t.fuzzUntypedThrows !== 0) out.push(`parser fuzz: ${t.fuzzUntypedThrows} untyped throws`);
  if (t.leaksFound !== 0) out.push(`${t.leaksFound} leaks found`);
  return out;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

/** What the summary line says besides the totals. */
export interface SummaryExtra {
  files: number;
  elapsedMs: number;
  seed: number;
  failedTests: number;
  /**
   * The parity check's problems (differences between the CLI's and the edge API's record, or a
   * missing record): `[]` prints `parity ok`; left out, the line says nothing of parity.
   */
  parity?: readonly string[] | undefined;
}

/** The suite's one summary line. */
export function summaryLine(t: Required<ChaosTally>, extra: SummaryExtra): string {
  const parityOk = extra.parity === undefined || extra.parity.length === 0;
  const verdict = shortfalls(t).length === 0 && extra.failedTests === 0 && parityOk ? "PASS" : "FAIL";
  return [
    `chaos ${verdict}:`,
    `faults ${t.faultsSurvived + t.faultsFailedCleanly}/${t.faultCases} handled (${t.faultsSurvived} survived by retry, ${t.faultsFailedCleanly} failed typed and clean);`,
    `crashes ${t.crashesResumed}/${t.crashRuns} runs resumed (${t.kills} SIGKILLs);`,
    `bad inputs ${t.badInputsAnswered}/${t.badInputs} answered;`,
    `parser fuzz ${t.fuzzCases} answers, ${t.fuzzUntypedThrows} untyped throws;`,
    `leaks found ${t.leaksFound} (${extra.files} files scanned);`,
    ...(extra.parity === undefined ? [] : [parityOk ? "parity ok;" : `parity FAIL (${extra.parity.length} problem${extra.parity.length === 1 ? "" : "s"});`]),
    `${extra.failedTests} failed tests; ${duration(extra.elapsedMs)}, seed ${extra.seed}`,
  ].join(" ");
}
