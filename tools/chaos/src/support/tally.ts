import type { ParityRecord } from "../parity/record.js";

/**
 * What each chaos test counts. A test adds its counts to `task.meta.chaos` with {@link addTally};
 * Vitest's JSON reporter carries task meta into the run's report, where the finale sums them
 * into the suite's one summary line.
 */
export interface ChaosTally {
  /** Fault-matrix cells run (fault × route × surface). */
  faultCases?: number;
  /** Cells whose visit still produced a complete, valid note (retried through). */
  faultsSurvived?: number;
  /** Cells that failed as expected: the right typed error, a clear message, nothing half-written. */
  faultsFailedCleanly?: number;
  /** Crash/resume runs (each: a batch killed with SIGKILL, then resumed to the end). */
  crashRuns?: number;
  /** Runs that ended with every note complete and valid and exactly one transcript per visit. */
  crashesResumed?: number;
  /** SIGKILLs delivered over all crash runs. */
  kills?: number;
  /** Bad inputs tried. */
  badInputs?: number;
  /** Bad inputs answered with the expected message and exit/HTTP code. */
  badInputsAnswered?: number;
  /** Generated or mutated model answers given to the parser. */
  fuzzCases?: number;
  /** Parser calls that threw something other than a typed error. */
  fuzzUntypedThrows?: number;
  /** Secret or PHI strings found in logs, error messages or report files. */
  leaksFound?: number;
}

export type TallyKey = keyof ChaosTally;

export const TALLY_KEYS: readonly TallyKey[] = [
  "faultCases",
  "faultsSurvived",
  "faultsFailedCleanly",
  "crashRuns",
  "crashesResumed",
  "kills",
  "badInputs",
  "badInputsAnswered",
  "fuzzCases",
  "fuzzUntypedThrows",
  "leaksFound",
];

declare module "vitest" {
  interface TaskMeta {
    /** This test's chaos counts. */
    chaos?: ChaosTally;
    /**
     * Log lines captured where no file can be written (inside workerd): the finale scans the report
     * that carries them.
     */
    chaosLogs?: string[];
    /**
     * The parity test's record of one app's run of the shared visit (no PHI: digests and non-PHI
     * fields only): the finale compares the CLI's with the edge API's (src/parity/record.ts).
     */
    parity?: ParityRecord;
  }
}

/** Adds counts to a test's meta (call it with the test context's `task`). */
export function addTally(task: { meta: { chaos?: ChaosTally } }, counts: ChaosTally): void {
  const current = task.meta.chaos ?? {};
  for (const key of TALLY_KEYS) {
    const add = counts[key];
    if (add === undefined) continue;
    current[key] = (current[key] ?? 0) + add;
  }
  task.meta.chaos = current;
}

/** Sums tallies. */
export function sumTallies(tallies: Iterable<ChaosTally>): Required<ChaosTally> {
  const total = Object.fromEntries(TALLY_KEYS.map((k) => [k, 0])) as Required<ChaosTally>;
  for (const t of tallies) for (const key of TALLY_KEYS) total[key] += t[key] ?? 0;
  return total;
}
