import { execFile } from "node:child_process";

/** Output of a finished command. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * Runs a command without a shell and resolves with its output; rejects with an error that names the
 * command, its exit code and the tail of both streams, so a failed step explains itself in the log.
 */
export function runCommand(file: string, args: readonly string[], options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const tail = (s: string) => s.split("\n").slice(-40).join("\n");
          reject(new Error(`${file} ${args.join(" ")} failed in ${options.cwd} (exit ${String(error.code ?? error.signal)}):\n${tail(stdout)}\n${tail(stderr)}`, { cause: error }));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}
