// Runs the fast tests (`npm run test:fast`: lint, lint:package, typecheck, test and build of every
// project, without the chaos suite) again on Node 22 and Node 24, after `npm test` ran on the
// machine's Node 20. The Node binaries come from the npm registry's per-platform `node-<os>-<arch>`
// packages (a binary inside a registry package, no install script), pinned below and kept under
// node_modules/.cache/ci-node/. One `npm ci` serves all three versions: workerd and esbuild ship
// per-platform binaries, not per-Node-version ones, and no dependency builds a native addon.
//
// usage: node .ci/other-nodes.mjs <log of the Node 20 `npm test` run>
// Prints an "== node X" header before each run, one result line per run, and ends with the totals
// of all three runs; exits 1 if any run failed.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const NODE_VERSIONS = ["22.23.5", "24.22.3"];

const root = new URL("..", import.meta.url).pathname;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function nodeBinary(version) {
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = join(root, "node_modules/.cache/ci-node", version);
  const bin = join(prefix, "node_modules", pkg, "bin");
  if (!existsSync(join(bin, "node"))) {
    const r = spawnSync(npm, ["install", "--prefix", prefix, "--no-save", "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund", `${pkg}@${version}`], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`could not install ${pkg}@${version} from the npm registry (exit ${r.status})`);
  }
  const got = spawnSync(join(bin, "node"), ["--version"], { encoding: "utf8" }).stdout.trim();
  if (got !== `v${version}`) throw new Error(`${bin}/node says ${got || "nothing"}, expected v${version}`);
  return bin;
}

/** Totals of a run's Vitest summaries, as .ci/summarize.mjs counts them. */
function totals(logPath) {
  const r = spawnSync(process.execPath, [join(root, ".ci/summarize.mjs")], { input: readFileSync(logPath), encoding: "utf8" });
  const m = /tests: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(r.stdout);
  const failures = r.stdout.split("\n").filter((l) => l.startsWith("failed: "));
  return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]), failures } : undefined;
}

function runFastTests(bin, logPath) {
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  // The proof that the tools run on this Node, not on the machine's: vitest names the Node it runs on.
  const vitest = spawnSync(npm, ["exec", "--", "vitest", "--version"], { cwd: root, env, encoding: "utf8" });
  console.log(`vitest reports: ${vitest.stdout.trim()}`);
  return new Promise((resolve) => {
    const log = createWriteStream(logPath);
    const child = spawn(npm, ["run", "test:fast", "--", "--skip-nx-cache"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (chunk) => {
        process.stdout.write(chunk);
        log.write(chunk);
      });
    }
    child.on("close", (code) => log.end(() => resolve(code ?? 1)));
  });
}

const mainLog = process.argv[2];
const results = [];
const main = mainLog ? totals(mainLog) : undefined;
if (main) results.push({ label: `node ${process.version.slice(1)} (npm test)`, ok: main.failed === 0, seconds: undefined, ...main });

for (const version of NODE_VERSIONS) {
  console.log(`\n== node ${version}: npm run test:fast (lint, lint:package, typecheck, test, build; no chaos)`);
  const started = Date.now();
  let code = 1;
  let counts;
  try {
    const bin = nodeBinary(version);
    const logPath = join(root, "node_modules/.cache/ci-node", `test-fast-${version}.log`);
    code = await runFastTests(bin, logPath);
    counts = totals(logPath);
  } catch (err) {
    console.error(`== node ${version}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const ok = code === 0 && counts !== undefined && counts.failed === 0;
  results.push({ label: `node ${version} (test:fast)`, ok, seconds, ...(counts ?? { passed: 0, failed: 0, skipped: 0, failures: [] }) });
  console.log(`== node ${version}: ${ok ? "PASS" : "FAIL"} in ${seconds} s (exit ${code})`);
}

console.log("\n== Node versions");
for (const r of results) {
  console.log(`  ${r.ok ? "PASS" : "FAIL"} ${r.label}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.seconds === undefined ? "" : `, ${r.seconds} s`}`);
  for (const f of r.failures ?? []) console.log(`    ${f}`);
}
const sum = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log(`tests: ${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
