#!/usr/bin/env node
// `npm run test:chaos`: the chaos suite in three Vitest runs sharing one out folder and one set of
// secrets: the Node part (CLI, sandbox, core), the edge API part (inside workerd), and the finale,
// which sums their tallies, scans everything written for secrets and PHI and prints one summary line.
// CHAOS_SEED=<n> replays a run (the seed is printed first).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, ".chaos-out");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "reports"), { recursive: true });

const seed = process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isSafeInteger(seed)) {
  console.error(`CHAOS_SEED must be an integer, got "${process.env.CHAOS_SEED}"`);
  process.exit(2);
}
const env = {
  ...process.env,
  CHAOS_OUT: out,
  CHAOS_SEED: String(seed),
  // Fresh secrets per run: the finale fails if either shows up anywhere the suite wrote.
  CHAOS_API_KEY: `chaos_${randomBytes(16).toString("hex")}`,
  CHAOS_WEBHOOK_SECRET: `whsec_${randomBytes(18).toString("base64url")}`,
  NO_COLOR: "1",
  FORCE_COLOR: "0",
};
console.log(`chaos: seed ${seed} (replay with CHAOS_SEED=${seed} npm run test:chaos)`);

const vitest = join(root, "node_modules/.bin/vitest");
const vitestBin = existsSync(vitest) ? vitest : join(root, "../../node_modules/.bin/vitest");

function run(name, config) {
  return new Promise((resolve) => {
    const log = createWriteStream(join(out, "reports", `${name}.console.log`));
    const child = spawn(
      vitestBin,
      ["run", "--config", config, "--reporter=default", "--reporter=json", `--outputFile.json=${join(out, "reports", `${name}.json`)}`],
      { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.on("data", (d) => {
      process.stdout.write(d);
      log.write(d);
    });
    child.stderr.on("data", (d) => {
      process.stderr.write(d);
      log.write(d);
    });
    child.on("close", (code, signal) => log.end(() => resolve(code ?? (signal ? 1 : 0))));
  });
}

const started = Date.now();
const codes = [];
codes.push(await run("node", "vitest.config.ts"));
codes.push(await run("edge", "vitest.edge.config.ts"));
process.env.CHAOS_ELAPSED_MS = String(Date.now() - started);
env.CHAOS_ELAPSED_MS = String(Date.now() - started);
codes.push(await run("finale", "vitest.finale.config.ts"));

const summary = join(out, "summary.txt");
if (existsSync(summary)) console.log(`\n${readFileSync(summary, "utf8").trim()}`);
else console.log("\nchaos: no summary (the finale did not run to the end)");
process.exitCode = codes.some((c) => c !== 0) ? 1 : 0;
