import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import type { BenchContext } from "../internal/context.js";
import { formatBytes } from "../internal/format.js";
import type { BenchRow } from "../internal/result.js";

const KIB = 1024;

/** gzip size at the default level (what `wrangler` and most CDNs report). */
export function gzipSize(bytes: Uint8Array): number {
  return gzipSync(bytes).byteLength;
}

/** Reads "Total Upload: 633.76 KiB / gzip: 154.79 KiB" from wrangler's output (KiB → bytes). */
export function parseWranglerTotals(output: string): { uploadBytes: number; gzipBytes: number } | null {
  const m = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(output);
  if (!m) return null;
  return { uploadBytes: Number(m[1]) * KIB, gzipBytes: Number(m[2]) * KIB };
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Minified bytes per origin (zod, @org/soap-prompts, @org/soap-core, other) from esbuild's metafile. */
export function bytesByOrigin(inputs: Record<string, { bytesInOutput: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [path, v] of Object.entries(inputs)) {
    const origin = /node_modules\/zod\//.test(path) ? "zod" : /packages\/prompts\//.test(path) ? "@org/soap-prompts" : /packages\/core\//.test(path) ? "@org/soap-core" : "other";
    out[origin] = (out[origin] ?? 0) + v.bytesInOutput;
  }
  return out;
}

interface CoreBundle {
  minified: number;
  gzip: number;
  byOrigin: Record<string, number>;
}

/** core's public entries by subpath (`""` is the root), as packages/core/package.json maps them. */
export const CORE_ENTRIES: Readonly<Record<string, string>> = { "": "index.ts", "/visit": "visit/index.ts", "/engine": "engine/index.ts", "/export": "export/index.ts", "/schemas": "schemas/index.ts" };

/** The names a typical importer takes, per entry: the clients, the engine's generate and the Markdown export. */
export const TYPICAL_IMPORT: Readonly<Record<string, readonly string[]>> = { "": ["TranscriptsClient", "GatewayClient"], "/engine": ["generateSoapNote"], "/export": ["toMarkdown"] };

/** Module text that re-exports `names` per entry, or every entry whole (as namespaces) when `names` is absent. */
function entryModule(srcDir: string, names?: Readonly<Record<string, readonly string[]>>): string {
  const path = (sub: string) => JSON.stringify(join(srcDir, CORE_ENTRIES[sub] as string));
  if (names) return Object.entries(names).map(([sub, n]) => `export { ${n.join(", ")} } from ${path(sub)};`).join("\n");
  return Object.keys(CORE_ENTRIES).map((sub, i) => `export * as e${i} from ${path(sub)};`).join("\n");
}

async function coreBundle(srcDir: string, externalZod: boolean, names?: Readonly<Record<string, readonly string[]>>): Promise<CoreBundle> {
  const result = await build({
    stdin: { contents: entryModule(srcDir, names), resolveDir: process.cwd(), loader: "ts" as const },
    metafile: true,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    conditions: ["@org/source"],
    external: externalZod ? ["zod", "zod/*"] : [],
    write: false,
    logLevel: "silent",
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error("esbuild produced no output");
  const outputs = Object.values(result.metafile.outputs);
  return { minified: out.contents.byteLength, gzip: gzipSize(out.contents), byOrigin: bytesByOrigin(outputs[0]?.inputs ?? {}) };
}

async function workerBundle(ctx: BenchContext): Promise<{ row: BenchRow }> {
  const target = "<= 200 KiB gzip";
  const name = "B5 Worker bundle (apps/edge-api, gzip)";
  const out = await mkdtemp(join(tmpdir(), "soap-bench-wrangler-"));
  try {
    const r = await run("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], ctx.paths.edgeApiDir, 180_000);
    const totals = parseWranglerTotals(r.output);
    const files = (await readdir(out)).filter((f) => /\.(m?js|wasm)$/.test(f));
    if (r.code !== 0 || files.length === 0) {
      const tail = r.output.trim().split("\n").slice(-3).join(" / ");
      return { row: { id: "B5", name, ours: "not measured", baseline: "n/a", limit: "n/a", ratio: "n/a", target, met: null, notes: `not measured: wrangler deploy --dry-run exited ${r.code}: ${tail}` } };
    }
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const bytes = await readFile(join(out, f));
      raw += bytes.byteLength;
      gz += gzipSize(bytes);
    }
    const reported = totals?.gzipBytes ?? gz;
    return {
      row: {
        id: "B5",
        name,
        ours: formatBytes(reported),
        baseline: "n/a",
        limit: "n/a",
        ratio: `of budget ${(reported / (200 * KIB)).toFixed(3)}`,
        target,
        met: reported <= 200 * KIB,
        notes: `\`npx wrangler deploy --dry-run --outdir\` in apps/edge-api: wrangler reports ${totals ? `${formatBytes(totals.uploadBytes)} / gzip ${formatBytes(totals.gzipBytes)}` : "no totals"}; our gzip of ${files.join(", ")} (${formatBytes(raw)}): ${formatBytes(gz)}; the seed is a script, not a deployable bundle, so there is no baseline`,
      },
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/**
 * B5: sizes. The Worker's bundle as wrangler would upload it (gzip), and @org/soap-core for a team
 * that imports it: esbuild bundle of its whole public entry (src/index.ts, with @org/soap-prompts),
 * minified, platform neutral, gzip; with zod included (as shipped) and without.
 */
export async function runB5(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  try {
    rows.push((await workerBundle(ctx)).row);
  } catch (e) {
    rows.push({ id: "B5", name: "B5 Worker bundle (apps/edge-api, gzip)", ours: "not measured", baseline: "n/a", limit: "n/a", ratio: "n/a", target: "<= 200 KiB gzip", met: null, notes: `not measured: ${e instanceof Error ? e.message : String(e)}` });
  }
  const srcDir = dirname(ctx.paths.coreEntry);
  const withZod = await coreBundle(srcDir, false);
  const withoutZod = await coreBundle(srcDir, true);
  const typical = await coreBundle(srcDir, false, TYPICAL_IMPORT);
  const typicalText = Object.entries(TYPICAL_IMPORT).map(([sub, n]) => `{ ${n.join(", ")} } from "@org/soap-core${sub}"`).join("; ");
  const origins = (b: CoreBundle) => Object.entries(b.byOrigin).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${formatBytes(v)}`).join(", ");
  const target = 25 * KIB;
  rows.push({
    id: "B5",
    name: "B5 @org/soap-core min+gzip (zod included)",
    ours: formatBytes(withZod.gzip),
    baseline: "n/a",
    limit: formatBytes(withoutZod.gzip),
    ratio: `of budget ${(withZod.gzip / target).toFixed(3)}`,
    target: "<= 25 KiB",
    met: withZod.gzip <= target,
    limitedBy: `zod is ${formatBytes(withZod.byOrigin["zod"] ?? 0)} of the ${formatBytes(withZod.minified)} minified (zod/mini: core and prompts validate with its tree-shakable API, see docs/ARCHITECTURE.md, "Validation"); core and prompts alone are ${formatBytes(withoutZod.gzip)} gzip.`,
    notes: `esbuild --bundle --minify --platform=neutral of all five entries of packages/core (every export, @org/soap-prompts bundled in): ${formatBytes(withZod.minified)} minified (${origins(withZod)}), ${formatBytes(withZod.gzip)} gzip; the limit column is the same without zod (zod external): ${formatBytes(withoutZod.minified)} minified, ${formatBytes(withoutZod.gzip)} gzip`,
  });
  rows.push({
    id: "B5",
    name: "B5 @org/soap-core min+gzip (zod external)",
    ours: formatBytes(withoutZod.gzip),
    baseline: "n/a",
    limit: "n/a",
    ratio: `of budget ${(withoutZod.gzip / target).toFixed(3)}`,
    target: "<= 25 KiB",
    met: withoutZod.gzip <= target,
    limitedBy: `core's own code (${formatBytes(withoutZod.byOrigin["@org/soap-core"] ?? 0)} minified) plus prompts (${formatBytes(withoutZod.byOrigin["@org/soap-prompts"] ?? 0)}): every export bundled.`,
    notes: `as above with zod marked external (a team that already ships zod): ${formatBytes(withoutZod.minified)} minified (${origins(withoutZod)})`,
  });
  rows.push({
    id: "B5",
    name: "B5 @org/soap-core min+gzip, typical import (zod included)",
    ours: formatBytes(typical.gzip),
    baseline: "n/a",
    limit: "n/a",
    ratio: `of budget ${(typical.gzip / target).toFixed(3)}`,
    target: "<= 25 KiB",
    met: typical.gzip <= target,
    limitedBy: `core's own code (${formatBytes(typical.byOrigin["@org/soap-core"] ?? 0)} minified, prompts ${formatBytes(typical.byOrigin["@org/soap-prompts"] ?? 0)}) more than zod/mini (${formatBytes(typical.byOrigin["zod"] ?? 0)}) of ${formatBytes(typical.minified)}: the clients' schemas, and generateSoapNote's quote check with the agreement checker, which stays (docs/ARCHITECTURE.md, "Validation").`,
    notes: `tree-shaken bundle of ${typicalText}: ${formatBytes(typical.minified)} minified (${origins(typical)}), ${formatBytes(typical.gzip)} gzip`,
  });
  return rows;
}
