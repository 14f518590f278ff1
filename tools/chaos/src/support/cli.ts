import { spawn, type ChildProcess } from "node:child_process";
import { CLI_BIN, chaosEnv } from "./env.js";
import { saveLog } from "./logs.js";

/** What one CLI run ended with. */
export interface CliResult {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface CliOptions {
  /** Name of the log this run's output is kept under (logs/<logName>.log, appended). */
  logName: string;
  cwd?: string;
  /** Extra environment (merged over a clean one: PATH, HOME, the run's API key, SOAP_NOTES_DEBUG=1). */
  env?: Record<string, string | undefined>;
  /** Text for stdin (default: stdin closed). */
  stdin?: string | Uint8Array;
  /**
   * Whether stdout is output the user asked for (a note printed on stdout): then it is not kept
   * with the logs. Reports (`--json` summaries) are kept. @default false
   */
  stdoutIsUserOutput?: boolean;
  /** Kill the run after this long (SIGKILL) and fail. @default 120000 */
  timeoutMs?: number;
  /** Called once the child runs, e.g. to SIGKILL it at a chosen moment. */
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * Runs the built CLI (`node apps/cli/dist/bin.js ...args`) as a user would, at its most verbose
 * (pass `--verbose` in `args` where the command has it; SOAP_NOTES_DEBUG=1 adds stack traces), with
 * the run's API key in ASSEMBLYAI_API_KEY. Keeps stderr (and stdout unless it is the user's output)
 * with the logs the finale scans.
 */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  const { apiKey } = chaosEnv();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NO_COLOR: "1",
    SOAP_NOTES_DEBUG: "1",
    ASSEMBLYAI_API_KEY: apiKey,
  };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      cwd: options.cwd,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.stdin.on("error", () => undefined);
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    options.onSpawn?.(child);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const header = `$ soap-notes ${args.join(" ")}  -> ${code ?? signal}\n`;
      saveLog(options.logName, header + stderr + (options.stdoutIsUserOutput ? "" : stdout));
      resolve({ code, signal, stdout, stderr });
    });
  });
}
