/**
 * @org/soap-bench (private): benchmarks of soap-notes against the tutorial's flow and the physical
 * limit, on the sandbox. Run them with `npm run bench` (see docs/benchmarks.md). The exports are
 * the pieces other tools may reuse: the seed-style baseline, the statistics and the table.
 * @packageDocumentation
 */

// ── seed-style baseline (a yardstick, not product code) ──────────────────────
export { SeedFlow, SeedFlowError, seedChatRequest } from "./baseline/seed-flow.js";
export type { FetchLike, SeedFlowOptions } from "./baseline/seed-flow.js";
export {
  SEED_MODEL,
  SEED_TRANSCRIPTION,
  SEED_METHOD1_PROMPT,
  SEED_METHOD2_QUESTIONS,
  seedSectionPrompt,
} from "./baseline/seed-prompts.js";
export type { SeedQuestion } from "./baseline/seed-prompts.js";

// ── benchmarks ────────────────────────────────────────────────────────────────
export { BENCHMARKS } from "./benchmarks/registry.js";
export type { Benchmark } from "./benchmarks/registry.js";
export type { BenchContext } from "./internal/context.js";
export { BENCHMARK_IDS, notMeasured } from "./internal/result.js";
export type { BenchRow, BenchmarkId } from "./internal/result.js";
export { parseBenchArgs, BenchArgsError, USAGE } from "./internal/args.js";
export type { BenchArgs } from "./internal/args.js";
export {
  STANDARD_MODEL,
  BATCH_MODEL,
  describeModel,
  sandboxLatencyOptions,
  spreadTranscriptionTimes,
  transcriptionMs,
} from "./internal/latency-model.js";
export type { LatencyModel } from "./internal/latency-model.js";
export { requestBackedFetch } from "./internal/request-fetch.js";

// ── statistics, formatting, report ───────────────────────────────────────────
export { median, mean, percentile, range, ratio, withinOfLimit, SampleError } from "./internal/stats.js";
export { formatMs, formatBytes, formatRatio } from "./internal/format.js";
export { renderTextTable, renderMarkdownTable, escapeCell, TABLE_HEADERS } from "./internal/table.js";
export { renderDocs, machineInfo } from "./internal/docs.js";
export type { MachineInfo } from "./internal/docs.js";
