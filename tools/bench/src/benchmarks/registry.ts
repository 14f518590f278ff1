import type { BenchContext } from "../internal/context.js";
import type { BenchRow, BenchmarkId } from "../internal/result.js";
import { runB1 } from "./b1-end-to-end.js";
import { runB2 } from "./b2-sections.js";
import { runB3 } from "./b3-batch.js";
import { runB4 } from "./b4-upload-memory.js";
import { runB5 } from "./b5-sizes.js";
import { runB6 } from "./b6-cold-start.js";
import { runB7 } from "./b7-request-budget.js";
import { runB8 } from "./b8-scoring.js";

/** One benchmark: what it is, its target, and how to run it. */
export interface Benchmark {
  title: string;
  target: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

/** B1–B8. */
export const BENCHMARKS: Record<BenchmarkId, Benchmark> = {
  B1: { title: "B1 end-to-end, one visit, Method 1", target: "ours within 3 % or 100 ms of limit", run: runB1 },
  B2: { title: "B2 Method 2 wall / one gateway call", target: "ours/call <= 1.1", run: runB2 },
  B3: { title: "B3 batch of 200 at concurrency 16, 429s injected", target: "throughput/bound >= 0.95, 0 failed", run: runB3 },
  B4: { title: "B4 peak RSS growth uploading 1 GiB", target: "<= 64 MiB", run: runB4 },
  B5: { title: "B5 bundle sizes", target: "Worker <= 200 KiB gzip; core <= 25 KiB min+gzip", run: runB5 },
  B6: { title: "B6 CLI cold start, --version / node -e 0", target: "<= 2.5", run: runB6 },
  B7: { title: "B7 request budget, 1000 visits at concurrency 200", target: "peak requests in any 5 min <= 20000, 0 failed", run: runB7 },
  B8: { title: "B8 score 1,000 note pairs", target: "<= 10 s; ≈ quadratic per doubling of length", run: runB8 },
};
