#!/usr/bin/env node
// `npm run dev:api`: the whole flow on one machine, offline.
//   1. starts the AssemblyAI sandbox over HTTP (tools/sandbox) on 127.0.0.1:$SANDBOX_PORT (4010);
//   2. writes .dev.vars (sandbox demo key, a random webhook secret) when there is none;
//   3. applies the D1 migrations to the local database (wrangler d1 migrations apply --local);
//   4. creates a dev tenant and API key when the local database has none, and prints the key once;
//   5. runs `wrangler dev` on 127.0.0.1:$API_PORT (8787) pointed at the sandbox, with local D1 and Queues,
//      in DEVELOPMENT_MODE (http and 127.0.0.1 audio URLs, an http public URL; the Worker refuses it
//      unless both AssemblyAI URLs point at the sandbox, as they do here).
// Ctrl+C stops both.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const rootDir = join(appDir, "..", "..");
const sandboxPort = process.env.SANDBOX_PORT ?? "4010";
const apiPort = process.env.API_PORT ?? "8787";
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const apiUrl = `http://127.0.0.1:${apiPort}`;
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", SANDBOX_PORT: sandboxPort };
const wranglerBin = join(rootDir, "node_modules/wrangler/bin/wrangler.js");
const children = [];

function stop(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exitCode = code;
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

function wrangler(args, options = {}) {
  return execFileSync(process.execPath, [wranglerBin, ...args], { cwd: appDir, env, encoding: "utf8", ...options });
}

async function waitFor(url, what) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${what} did not start at ${url}`);
}

// 1. sandbox
execFileSync("npm", ["run", "build", "--silent", "-w", "@org/soap-sandbox"], { cwd: rootDir, env, stdio: "inherit" });
const sandbox = spawn(process.execPath, [join(rootDir, "tools/sandbox/dist/bin/start.js")], { cwd: rootDir, env, stdio: "inherit" });
children.push(sandbox);
sandbox.on("exit", (code) => stop(code ?? 1));
await waitFor(`${sandboxUrl}/v1/models`, "The sandbox");

// 2. local secrets (sandbox values only: nothing here is a real secret)
const devVars = join(appDir, ".dev.vars");
if (!existsSync(devVars)) {
  writeFileSync(devVars, `ASSEMBLYAI_API_KEY=sandbox-demo-key\nWEBHOOK_SECRET=${randomBytes(24).toString("base64url")}\nREVIEW_LINK_SECRET=${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
  console.log("wrote apps/edge-api/.dev.vars (sandbox demo key, random webhook secret)");
}
// Tenant completion webhooks (POST /v1/webhook-endpoints) need TENANT_WEBHOOK_KEY; added to an older .dev.vars too.
if (!readFileSync(devVars, "utf8").includes("TENANT_WEBHOOK_KEY=")) {
  appendFileSync(devVars, `TENANT_WEBHOOK_KEY=${randomBytes(32).toString("base64url")}\n`);
}

// 3. migrations
wrangler(["d1", "migrations", "apply", "soap-notes", "--local"], { stdio: ["ignore", "inherit", "inherit"] });

// 4. a dev key, once
const count = wrangler(["d1", "execute", "soap-notes", "--local", "--json", "--command", "SELECT COUNT(*) AS n FROM api_keys"]);
if ((JSON.parse(count)[0]?.results?.[0]?.n ?? 0) === 0) {
  execFileSync(process.execPath, [join(appDir, "scripts/create-key.mjs"), "--name", "Local dev"], { cwd: appDir, env, stdio: "inherit" });
  console.log("(keep the key: it is shown only now; make more with `node apps/edge-api/scripts/create-key.mjs --name <tenant>`)");
}

// 5. the API
// Spawned directly (not through npx) so that stopping it stops wrangler itself.
const api = spawn(
  process.execPath,
  [
    wranglerBin, "dev", "--ip", "127.0.0.1", "--port", apiPort,
    "--var", `PUBLIC_BASE_URL:${apiUrl}`,
    "--var", `ASSEMBLYAI_BASE_URL:${sandboxUrl}`,
    "--var", `ASSEMBLYAI_GATEWAY_URL:${sandboxUrl}`,
    "--var", "DEVELOPMENT_MODE:true",
  ],
  { cwd: appDir, env, stdio: "inherit" },
);
children.push(api);
api.on("exit", (code) => stop(code ?? 1));
await waitFor(`${apiUrl}/v1/health`, "wrangler dev");
console.log(`\nsoap-notes API: ${apiUrl}/v1/docs  (sandbox: ${sandboxUrl})`);
console.log(`try: curl -s -X POST ${apiUrl}/v1/notes -H "authorization: Bearer <key>" -H "content-type: application/json" \\`);
console.log(`       -d '{"audio_url":"https://example.com/visit-01-finger-injury.mp3"}'`);
