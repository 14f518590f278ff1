/**
 * The Worker consumer: bundled by wrangler exactly as `wrangler deploy` would upload it, then run in
 * workerd through Miniflare with no compatibility flags (so no Node compat shims hide a node:* import).
 */
import { readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Miniflare } from "miniflare";
import { runCommand } from "./run-command.js";

const require = createRequire(import.meta.url);

/** Result of bundling: the file wrangler wrote and its size in bytes. */
export interface WorkerBundle {
  path: string;
  bytes: number;
}

/** `wrangler deploy --dry-run --outdir` in the scratch project; returns the bundled module. */
export async function bundleWorker(projectDir: string): Promise<WorkerBundle> {
  const wrangler = require.resolve("wrangler/bin/wrangler.js");
  const outdir = join(projectDir, "dist-worker");
  await runCommand(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", outdir], {
    cwd: projectDir,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_UPDATE_NOTIFIER: "1" },
  });
  const files = (await readdir(outdir, { withFileTypes: true })).filter((f) => f.isFile() && f.name.endsWith(".js"));
  if (files.length !== 1) throw new Error(`wrangler wrote ${files.length} .js files to ${outdir}, expected one module`);
  const path = join(outdir, files[0]!.name);
  return { path, bytes: (await stat(path)).size };
}

/** Runs the bundled Worker in workerd and returns the JSON its fetch handler answers. */
export async function runWorker(bundle: WorkerBundle): Promise<unknown> {
  // modulesRoot: workerd refuses module paths that climb out of its root (the bundle sits in a temp dir).
  const mf = new Miniflare({ modules: true, scriptPath: bundle.path, modulesRoot: dirname(bundle.path), compatibilityDate: "2026-04-01", compatibilityFlags: [] });
  try {
    const res = await mf.dispatchFetch("http://pack-smoke.local/");
    const text = await res.text();
    if (res.status !== 200) throw new Error(`the Worker answered ${res.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as unknown;
  } finally {
    await mf.dispose();
  }
}
