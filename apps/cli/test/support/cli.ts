import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built CLI: e2e tests run exactly what users run (SOAP_CLI_BIN: another build, e.g. an older one to see a test fail). */
export const BIN = process.env["SOAP_CLI_BIN"] ?? fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
/** The repository root (samples/ lives there). */
export const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
export const SAMPLES = `${REPO}samples`;

/** Result of one CLI run. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  env?: Record<string, string>;
  cwd?: string;
  stdin?: string | Uint8Array;
  timeoutMs?: number;
  /** Called with each stderr line as it arrives; may kill the child. */
  onStderrLine?: (line: string, child: ChildProcess) => void;
  /** Called once the child is spawned. */
  onSpawn?: (child: ChildProcess) => void;
  /** Leave stdin open (the CLI waits on it) instead of closing it. */
  stdinOpen?: boolean;
  /** Close our end of the child's stdout at once, as `| head -0` would: its writes fail with EPIPE. */
  closeStdout?: boolean;
}

/** A clean environment: no key or URL of the developer's shell leaks into a test. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", NODE_OPTIONS: "" };
  if (process.env["SYSTEMROOT"]) env["SYSTEMROOT"] = process.env["SYSTEMROOT"];
  return { ...env, ...extra };
}

/** Spawns `node dist/bin.js ...args` and collects its output. */
export function runCli(args: string[], o: RunCliOptions = {}): Promise<CliRun> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` in apps/cli first (nx test depends on build)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: o.cwd ?? REPO, env: baseEnv(o.env), stdio: ["pipe", "pipe", "pipe"] });
    o.onSpawn?.(child);
    if (o.closeStdout) child.stdout.destroy();
    let stdout = "";
    let stderr = "";
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      pending += d;
      let nl;
      while ((nl = pending.indexOf("\n")) !== -1) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        o.onStderrLine?.(line, child);
      }
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`CLI timed out: ${args.join(" ")}\nstderr: ${stderr}`));
    }, o.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on("error", () => undefined);
    if (o.stdin !== undefined) child.stdin.end(o.stdin);
    else if (!o.stdinOpen) child.stdin.end();
  });
}

/** A small seeded PRNG (mulberry32) so kill points are reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
