import type { Harness, HarnessOptions } from "../harness.js";
import type { CellResult } from "../run-cell.js";
import { SEED, seededRandom } from "../seeded.js";

/** Makes a harness for a scenario (seeded with the run's seed); the runner checks its logs and closes it. */
export type MakeHarness = (options?: HarnessOptions) => Harness;

/**
 * One scenario of issue #15 run through the edge API's real doors (HTTP, webhooks, queue, cron) under
 * one of its fault variants. `run` returns only when every assertion passed: `survived` when the work
 * got done despite the fault, `failedCleanly` when it ended in the expected typed failure.
 */
export interface ScenarioDef<T> {
  /** The #15 case, e.g. "delete while transcribing". */
  name: string;
  /** The faults it can run under; the run's seed picks one (named in the test title, so that it can be replayed). */
  variants: readonly Variant<T>[];
  run: (make: MakeHarness, variant: T) => Promise<CellResult>;
}

/** A scenario with its variant type erased, for lists of scenarios. */
export interface Scenario {
  name: string;
  /** Labels of its variants. */
  variants: readonly string[];
  /** Runs variant number `index`. */
  run: (make: MakeHarness, index: number) => Promise<CellResult>;
}

/** Erases a scenario's variant type. */
export function scenario<T>(def: ScenarioDef<T>): Scenario {
  return {
    name: def.name,
    variants: def.variants.map((v) => v.label),
    run: (make, index) => {
      const variant = def.variants[index];
      if (!variant) throw new Error(`${def.name} has no variant ${index}`);
      return def.run(make, variant.value);
    },
  };
}

/** A seed-chosen variant of a scenario: its label and what it injects. */
export interface Variant<T> {
  label: string;
  value: T;
}

/** A random source of the run's seed for `stream` (a name per scenario and choice). */
function streamRandom(stream: string): () => number {
  let hash = 2166136261; // FNV-1a
  for (const ch of stream) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619);
  return seededRandom((SEED ^ hash) >>> 0);
}

/**
 * Index of the variant the run's seed picks for a scenario named `stream` (each scenario has its own
 * stream, so that adding a scenario or a variant elsewhere does not change this one's choice for a seed).
 */
export function chooseIndex(stream: string, count: number): number {
  return Math.floor(streamRandom(stream)() * count);
}

/** A whole number in [min, max], chosen by the run's seed and `stream`. */
export function chooseInt(stream: string, min: number, max: number): number {
  return min + Math.floor(streamRandom(stream)() * (max - min + 1));
}
