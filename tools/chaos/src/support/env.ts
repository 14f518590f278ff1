import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root. */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** The built CLI (nx builds it before `test:chaos`: the chaos project depends on @org/soap-cli). */
export const CLI_BIN = join(REPO_ROOT, "apps/cli/dist/bin.js");

/** Every fixture PII string (names, birth dates, phones, employers, occupations). */
export const PHI_STRINGS_FILE = join(REPO_ROOT, "tools/sandbox/fixtures/phi-strings.json");

/** What one chaos run shares between its test files (set by scripts/run-chaos.mjs). */
export interface ChaosEnv {
  /** Where logs, reports and work folders go; everything under it is scanned for leaks at the end. */
  outDir: string;
  /** The API key the sandbox accepts in this run: a secret that must never appear in any output. */
  apiKey: string;
  /** The webhook secret of this run: must never appear in any output either. */
  webhookSecret: string;
  /** The run's seed (printed by the runner), for everything random in the suite. */
  seed: number;
}

let cached: ChaosEnv | undefined;

/**
 * The run's shared values. Outside the runner (one file run by hand) it makes its own: a temp out
 * folder and random secrets, so a file can be run alone with `npx vitest run <file>`.
 */
export function chaosEnv(): ChaosEnv {
  if (cached) return cached;
  const outDir = process.env.CHAOS_OUT ?? join(tmpdir(), `soap-chaos-${process.pid}`);
  mkdirSync(outDir, { recursive: true });
  cached = {
    outDir,
    apiKey: process.env.CHAOS_API_KEY ?? `chaos_${randomBytes(16).toString("hex")}`,
    webhookSecret: process.env.CHAOS_WEBHOOK_SECRET ?? `whsec_${randomBytes(18).toString("base64url")}`,
    seed: Number(process.env.CHAOS_SEED ?? 20261125),
  };
  return cached;
}

/** A fresh folder under the run's out folder (`work/<name>`), for one CLI run's inputs and outputs. */
export function workDir(name: string): string {
  const dir = join(chaosEnv().outDir, "work", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
