#!/usr/bin/env node
// `npm run bench`: runs B1–B7 (or the ones named), prints the results table, writes docs/benchmarks.md.
import { fileURLToPath } from "node:url";
import { BenchArgsError, parseBenchArgs, USAGE } from "./internal/args.js";
import type { BenchContext } from "./internal/context.js";
import { writeDocs } from "./internal/docs.js";
import { findRepoRoot, repoPaths } from "./internal/repo-paths.js";
import { notMeasured, type BenchRow, type BenchmarkId } from "./internal/result.js";
import { renderTextTable } from "./internal/table.js";
import { BENCHMARKS } from "./benchmarks/registry.js";

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof BenchArgsError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const here = fileURLToPath(new URL(".", import.meta.url));
  const paths = repoPaths(findRepoRoot(here));
  const ctx: BenchContext = {
    paths,
    reps: args.reps,
    childrenDir: fileURLToPath(new URL("./children/", import.meta.url)),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const rows: BenchRow[] = [];
  const started = new Date();
  for (const id of args.ids) {
    const b = BENCHMARKS[id as BenchmarkId];
    ctx.log(`${id}: ${b.title}`);
    const t0 = performance.now();
    try {
      rows.push(...(await b.run(ctx)));
    } catch (e) {
      const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      ctx.log(`${id} could not run: ${why}`);
      rows.push(notMeasured(id, b.title, b.target, why));
    }
    ctx.log(`${id} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  process.stdout.write(`\n${renderTextTable(rows)}\n\n`);
  for (const r of rows) if (r.notes) process.stdout.write(`${r.name}: ${r.notes}\n`);
  const notMet = rows.filter((r) => r.met === false);
  if (notMet.length > 0) process.stdout.write(`\nTargets not met:\n${notMet.map((r) => `- ${r.name}: ${r.ours} (${r.ratio}). ${r.limitedBy ?? ""}`).join("\n")}\n`);
  if (args.writeDocs) {
    const argv = process.argv.slice(2);
    await writeDocs(paths.docsFile, rows, { date: started, command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(" ")}` : ""}` });
    process.stdout.write(`\nwrote ${paths.docsFile}\n`);
  }
  return 0;
}

process.exitCode = await main();
