import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { BenchContext } from "../internal/context.js";
import { formatMs, formatRatio } from "../internal/format.js";
import type { BenchRow } from "../internal/result.js";
import { median, range, ratio } from "../internal/stats.js";

const RUNS = 15;

function timeRun(args: string[], cwd: string): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr.toString().trim().split("\n").slice(-2).join(" / ")}`);
  return ms;
}

/**
 * B6: cold start of `node apps/cli/dist/bin.js --version` divided by `node -e 0`, each run as a new
 * process, interleaved, 15 runs each after one warm-up of each (file cache), medians.
 */
export async function runB6(ctx: BenchContext): Promise<BenchRow[]> {
  const target = "<= 2.5";
  const name = "B6 CLI cold start, --version / node -e 0 (median)";
  if (!existsSync(ctx.paths.cliBin)) {
    return [{ id: "B6", name, ours: "not measured", baseline: "n/a", limit: "n/a", ratio: "n/a", target, met: null, notes: `not measured: ${ctx.paths.cliBin} does not exist (build apps/cli first)` }];
  }
  const cli = [ctx.paths.cliBin, "--version"];
  const bare = ["-e", "0"];
  timeRun(cli, ctx.paths.root);
  timeRun(bare, ctx.paths.root);
  const cliMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      cliMs.push(timeRun(cli, ctx.paths.root));
      bareMs.push(timeRun(bare, ctx.paths.root));
    } else {
      bareMs.push(timeRun(bare, ctx.paths.root));
      cliMs.push(timeRun(cli, ctx.paths.root));
    }
  }
  const c = median(cliMs);
  const b = median(bareMs);
  const r = ratio(c, b);
  const cr = range(cliMs);
  const br = range(bareMs);
  return [
    {
      id: "B6",
      name,
      ours: formatMs(c),
      baseline: "n/a",
      limit: formatMs(b),
      ratio: `ours/node ${formatRatio(r)}`,
      target,
      met: r !== null && r <= 2.5,
      notes: `${RUNS} runs each, interleaved, after one warm-up each; \`node apps/cli/dist/bin.js --version\` ${formatMs(cr.min)}–${formatMs(cr.max)}, \`node -e 0\` ${formatMs(br.min)}–${formatMs(br.max)}; the tutorial has no CLI, so no baseline`,
    },
  ];
}
