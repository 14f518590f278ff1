import { seededRandom } from "./random.js";

/** When one SIGKILL lands in its attempt. */
export type KillMoment =
  /** `ms` after spawn, whatever the CLI printed: start-up, lock, ledger open, first uploads. */
  | { kind: "early"; ms: number }
  /** This fraction of the attempt's expected remaining work after its first byte of output. */
  | { kind: "after_output"; fraction: number };

/** The seed-derived kill moments of one crash run. */
export interface KillPlan {
  run: number;
  seed: number;
  kills: KillMoment[];
  /**
   * Per kill: also leave half a ledger line behind, as a crash mid-append on a real disk would
   * (a SIGKILL alone almost never tears a line that small).
   */
  tear: boolean[];
}

/** A per-run seed from the suite's seed (so one run can be replayed alone). */
export function runSeed(suiteSeed: number, run: number): number {
  return (Math.imul(suiteSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(run + 1, 0xc2b2ae35)) >>> 0;
}

/**
 * 1–3 kills; about one in five lands very early (0–400 ms after spawn, while the CLI starts, locks
 * the folder and opens the ledger), the rest at a uniform fraction (3–75 %) of the work left after
 * the attempt's first output. Capped at 75 % so a run's first kill lands before its batch ends.
 */
export function killPlan(suiteSeed: number, run: number): KillPlan {
  const seed = runSeed(suiteSeed, run);
  const random = seededRandom(seed);
  const count = 1 + Math.floor(random() * 3);
  const kills: KillMoment[] = [];
  const tear: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const early = random() < 0.2;
    const r = random();
    kills.push(early ? { kind: "early", ms: Math.round(r * 400) } : { kind: "after_output", fraction: Math.round((0.03 + 0.72 * r) * 100) / 100 });
    tear.push(random() < 0.3);
  }
  return { run, seed, kills, tear };
}

/** One line naming a plan's kills, for the test name and logs. */
export function describePlan(plan: KillPlan): string {
  const parts = plan.kills.map((k, i) => {
    const when = k.kind === "early" ? `${k.ms}ms after spawn` : `${Math.round(k.fraction * 100)}% of remaining work after first output`;
    return plan.tear[i] === true ? `${when} + torn ledger line` : when;
  });
  return `${plan.kills.length} SIGKILL(s): ${parts.join("; ")}`;
}
