import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** Walks up from `start` to the directory holding nx.json (the monorepo root). */
export function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "nx.json")) && existsSync(join(dir, "packages"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no monorepo root (nx.json) above ${start}`);
    dir = parent;
  }
}

/** Paths the benchmarks read, under the repo root. */
export function repoPaths(root: string) {
  return {
    root,
    fixturesDir: join(root, "tools", "sandbox", "fixtures"),
    visitsDir: join(root, "samples", "visits"),
    coreEntry: join(root, "packages", "core", "src", "index.ts"),
    edgeApiDir: join(root, "apps", "edge-api"),
    cliBin: join(root, "apps", "cli", "dist", "bin.js"),
    docsFile: join(root, "docs", "benchmarks.md"),
  };
}

/** The paths of {@link repoPaths}. */
export type RepoPaths = ReturnType<typeof repoPaths>;
