import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { createKeySql } from "../../../../apps/edge-api/scripts/lib/key-sql.mjs";
import { freePort } from "./ports.js";

const run = promisify(execFile);
/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const EDGE_DIR = join(ROOT, "apps/edge-api");
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const SANDBOX_BIN = join(ROOT, "tools/sandbox/dist/bin/start.js");
/** The built CLI. */
export const CLI_BIN = join(ROOT, "apps/cli/dist/bin.js");

/** A running edge API (wrangler dev, local D1/Queues/R2) pointed at a served sandbox, and a tenant key. */
export interface EdgeStack {
  apiUrl: string;
  sandboxUrl: string;
  apiKey: string;
  tenantId: string;
  /** Every line wrangler and the sandbox printed (Worker logs hold ids and codes only). */
  logs: string[];
  /** Runs SQL against the local D1 and returns the rows. */
  query<T>(sql: string): Promise<T[]>;
  stop(): Promise<void>;
}

/** Vars of the Worker on top of the stack's own (quotas, limits). */
export type StackVars = Partial<Record<"RATE_LIMIT_PER_MINUTE" | "TENANT_CREATES_PER_MINUTE" | "TENANT_CREATES_PER_DAY" | "TENANT_MAX_IN_FLIGHT", string>>;

/** How the stack runs beyond the Worker's vars. */
export interface StackOptions {
  /**
   * Plays Cloudflare's cron (wrangler dev never fires it by itself): the Worker's `scheduled` handler
   * (the sweep) is triggered this often. Off when unset.
   */
  cronEveryMs?: number;
  /**
   * The per-IP Rate Limiting binding's limit per minute (wrangler.jsonc: 300). Every request of a local
   * batch comes from one address, so a deployment that serves batches from one machine sets it above
   * what that machine sends; the stack writes a copy of wrangler.jsonc with this limit.
   */
  ipRequestsPerMinute?: number;
}

/** A copy of wrangler.jsonc beside it with another per-IP limit; its path. */
async function configWithIpLimit(limit: number): Promise<string> {
  const original = await readFile(join(EDGE_DIR, "wrangler.jsonc"), "utf8");
  const pattern = /("simple":\s*\{\s*"limit":\s*)\d+/;
  if (!pattern.test(original)) throw new Error("wrangler.jsonc has no ratelimits simple.limit to raise for the stack");
  // Under .wrangler/ (ignored by git), one level down: the relative paths get a "../".
  let text = original.replace(pattern, `$1${limit}`);
  for (const [from, to] of [
    ['"$schema": "../../node_modules/', '"$schema": "../../../node_modules/'],
    ['"main": "src/worker.ts"', '"main": "../src/worker.ts"'],
    ['"migrations_dir": "migrations"', '"migrations_dir": "../migrations"'],
    ['"zod": "./src/bundle/', '"zod": "../src/bundle/'],
  ] as const) {
    if (!text.includes(from)) throw new Error(`wrangler.jsonc changed: ${from} not found (update edge-stack.ts)`);
    text = text.replace(from, to);
  }
  const path = join(EDGE_DIR, ".wrangler", `load-${randomUUID()}.jsonc`);
  await writeFile(path, text);
  return path;
}

const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_UPDATE_NOTIFIER: "1", CI: "true" };

async function wrangler(args: string[], persistTo: string): Promise<string> {
  const { stdout } = await run(process.execPath, [WRANGLER, ...args, "--local", "--persist-to", persistTo], { cwd: EDGE_DIR, env: wranglerEnv, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function waitFor(url: string, what: string, child: ChildProcess, logs: readonly string[], timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it answered:\n${logs.slice(-20).join("\n")}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
      // A 500 from a Worker that runs is its configuration: no point in waiting.
      throw new Error(`${what} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(what)) throw error;
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s (${last}):\n${logs.slice(-20).join("\n")}`);
}

function collect(child: ChildProcess, logs: string[]): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      for (const line of chunk.split("\n")) if (line.trim() !== "" && logs.length < 200_000) logs.push(line);
    });
  }
}

/**
 * Starts the sandbox (served, with its admin routes for faults) and `wrangler dev` of apps/edge-api with a
 * fresh local state folder (D1 migrated, one tenant with one key), on free ports, in DEVELOPMENT_MODE
 * (http URLs on 127.0.0.1), webhooks going straight back to wrangler dev. `stop()` ends both and deletes
 * the state folder.
 */
export async function startEdgeStack(vars: StackVars = {}, options: StackOptions = {}): Promise<EdgeStack> {
  const persistTo = await mkdtemp(join(tmpdir(), "soap-remote-"));
  const logs: string[] = [];
  const [sandboxPort, apiPort, inspectorPort] = [await freePort(), await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const children: ChildProcess[] = [];
  let cron: NodeJS.Timeout | undefined;
  let configPath: string | undefined;
  const stop = async (): Promise<void> => {
    if (cron) clearInterval(cron);
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
          }),
      ),
    );
    await rm(persistTo, { recursive: true, force: true });
    if (configPath) await rm(configPath, { force: true });
  };
  try {
    const sandbox = spawn(process.execPath, [SANDBOX_BIN], { env: { ...process.env, SANDBOX_PORT: String(sandboxPort) }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(sandbox);
    collect(sandbox, logs);
    await waitFor(`${sandboxUrl}/v1/models`, "the sandbox", sandbox, logs);

    await wrangler(["d1", "migrations", "apply", "soap-notes"], persistTo);
    const tenantId = `ten_${randomUUID()}`;
    const keyId = `key_${randomUUID()}`;
    const apiKey = `soap_sk_${randomBytes(24).toString("base64url")}`;
    const { createHash } = await import("node:crypto");
    const keyHash = createHash("sha256").update(apiKey).digest("hex");
    const sql = createKeySql({ tenantId, tenantName: "Load test clinic", keyId, keyHash, keyPrefix: apiKey.slice(0, 12), name: undefined, now: Date.now(), expiresAt: undefined });
    await wrangler(["d1", "execute", "soap-notes", "--command", sql], persistTo);

    const webhookSecret = randomBytes(24).toString("base64url");
    const allVars: Record<string, string> = {
      PUBLIC_BASE_URL: apiUrl,
      ASSEMBLYAI_BASE_URL: sandboxUrl,
      ASSEMBLYAI_GATEWAY_URL: sandboxUrl,
      ASSEMBLYAI_API_KEY: "sandbox-demo-key",
      WEBHOOK_SECRET: webhookSecret,
      DEVELOPMENT_MODE: "true",
      RETENTION_HOURS: "",
      ...vars,
    };
    const varArgs = Object.entries(allVars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
    if (options.ipRequestsPerMinute !== undefined) {
      await mkdir(join(EDGE_DIR, ".wrangler"), { recursive: true });
      configPath = await configWithIpLimit(options.ipRequestsPerMinute);
      varArgs.push("--config", configPath);
    }
    const api = spawn(
      process.execPath,
      [WRANGLER, "dev", "--ip", "127.0.0.1", "--port", String(apiPort), "--inspector-port", String(inspectorPort), "--persist-to", persistTo, "--log-level", "warn", ...varArgs],
      { cwd: EDGE_DIR, env: wranglerEnv, stdio: ["ignore", "pipe", "pipe"] },
    );
    children.push(api);
    collect(api, logs);
    await waitFor(`${apiUrl}/v1/health`, "wrangler dev", api, logs);
    if (options.cronEveryMs !== undefined) {
      let running = false;
      cron = setInterval(() => {
        if (running) return;
        running = true;
        fetch(`${apiUrl}/cdn-cgi/handler/scheduled`)
          .then(async (res) => {
            await res.text();
            if (!res.ok) logs.push(`cron: scheduled answered ${res.status}`);
          })
          .catch((error: unknown) => logs.push(`cron: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => (running = false));
      }, options.cronEveryMs);
    }
    return {
      apiUrl,
      sandboxUrl,
      apiKey,
      tenantId,
      logs,
      query: async <T>(q: string) => {
        const out = await wrangler(["d1", "execute", "soap-notes", "--json", "--command", q], persistTo);
        return ((JSON.parse(out) as { results: T[] }[])[0]?.results ?? []) as T[];
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
