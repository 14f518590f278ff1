import { spawn, spawnSync } from "node:child_process";
import { BIN, REPO } from "./cli.js";

/** `script` of util-linux runs a command in a pseudo-terminal (as a user's terminal would be). */
export const HAS_SCRIPT = process.platform === "linux" && spawnSync("script", ["--version"], { encoding: "utf8" }).stdout.includes("util-linux");

const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * Runs the built CLI with its stdio on a pseudo-terminal and returns everything it drew there
 * (escape sequences included). Only on Linux with util-linux's `script` (see {@link HAS_SCRIPT}).
 */
export function runInPty(args: string[], env: Record<string, string>, o: { cwd?: string; timeoutMs?: number } = {}): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: o.cwd ?? REPO, env: { PATH: process.env["PATH"] ?? "", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`CLI in a pty timed out: ${args.join(" ")}\n${output}`));
    }, o.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
    child.stdin.end();
  });
}
