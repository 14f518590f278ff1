import type { RepoPaths } from "./repo-paths.js";

/** What every benchmark gets from the runner. */
export interface BenchContext {
  paths: RepoPaths;
  /** Repetitions for the timed benchmarks (B1, B2). */
  reps: number;
  /** Directory of the bundled child-process entries (B4). */
  childrenDir: string;
  /** Progress lines (stderr). */
  log(line: string): void;
}

/** Milliseconds since an arbitrary origin, monotonic. */
export const nowMs = (): number => performance.now();

/** Times one async call. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = nowMs();
  const value = await fn();
  return { ms: nowMs() - start, value };
}
