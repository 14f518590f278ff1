import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { chaosEnv } from "./env.js";

/**
 * Keeps a captured log (CLI stderr, a report, error messages, log records) under the run's
 * `logs/` folder, where the finale scans it for secrets and PHI. Appends: one file can take many runs.
 */
export function saveLog(name: string, text: string): void {
  const path = join(chaosEnv().outDir, "logs", `${name.replace(/[^\w.-]+/g, "_")}.log`);
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, text.endsWith("\n") || text === "" ? text : `${text}\n`);
}
