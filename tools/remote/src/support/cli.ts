import { spawn, type ChildProcess } from "node:child_process";
import { CLI_BIN } from "./edge-stack.js";

/** What one CLI run ended with. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (`node apps/cli/dist/bin.js …args`) with a clean environment plus `env` (no
 * ASSEMBLYAI_API_KEY: a remote batch needs none). `onSpawn` sees the child (to interrupt it).
 */
export function runCli(args: readonly string[], o: { cwd: string; env?: Record<string, string>; timeoutMs?: number; onSpawn?: (child: ChildProcess) => void }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      cwd: o.cwd,
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", NO_COLOR: "1", ...o.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), o.timeoutMs ?? 240_000);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    o.onSpawn?.(child);
  });
}
