import { BENCHMARK_IDS, type BenchmarkId } from "./result.js";

/** Parsed command line of `npm run bench`. */
export interface BenchArgs {
  /** Benchmarks to run, in B1..B8 order. */
  ids: BenchmarkId[];
  /** Repetitions of B1 and B2. */
  reps: number;
  /** Write docs/benchmarks.md: by default only when all of them ran. */
  writeDocs: boolean;
  help: boolean;
}

/** Thrown for a command line that cannot be understood; the message says what is accepted. */
export class BenchArgsError extends Error {
  override readonly name = "BenchArgsError";
}

/** Usage text. */
export const USAGE = `usage: npm run bench -- [B1 B2 … B8] [--reps N] [--docs | --no-docs]
  no ids: all eight; docs/benchmarks.md is written when all eight ran (or with --docs).
  --reps N  repetitions of B1 and B2 (default 5)`;

/**
 * Parses `npm run bench -- [ids] [--reps N] [--docs|--no-docs]`. Ids are case-insensitive and may be
 * comma-separated; unknown ids and flags are errors.
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const picked = new Set<BenchmarkId>();
  let reps = 5;
  let docs: boolean | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--help" || a === "-h") help = true;
    else if (a === "--docs") docs = true;
    else if (a === "--no-docs") docs = false;
    else if (a === "--reps" || a.startsWith("--reps=")) {
      const v = a === "--reps" ? argv[++i] : a.slice("--reps=".length);
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n) || n < 1 || n > 50) throw new BenchArgsError(`--reps needs a whole number from 1 to 50, got ${v === undefined ? "nothing" : JSON.stringify(v)}\n${USAGE}`);
      reps = n;
    } else if (a.startsWith("-")) throw new BenchArgsError(`unknown option ${a}\n${USAGE}`);
    else {
      for (const part of a.split(",").filter((p) => p !== "")) {
        const id = part.toUpperCase();
        if (!(BENCHMARK_IDS as readonly string[]).includes(id)) throw new BenchArgsError(`unknown benchmark ${JSON.stringify(part)}: expected one of ${BENCHMARK_IDS.join(", ")}\n${USAGE}`);
        picked.add(id as BenchmarkId);
      }
    }
  }
  const ids = picked.size === 0 ? [...BENCHMARK_IDS] : BENCHMARK_IDS.filter((id) => picked.has(id));
  return { ids, reps, writeDocs: docs ?? ids.length === BENCHMARK_IDS.length, help };
}
