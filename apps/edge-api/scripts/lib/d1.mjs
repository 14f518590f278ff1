// What the key scripts share on Node: the common flags, running SQL through wrangler against the local
// or the deployed D1 (or printing it), and making a key. Keys are printed once by the caller, never logged.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const wranglerBin = join(appDir, "..", "..", "node_modules/wrangler/bin/wrangler.js");

/** The flags every key script takes (for node:util parseArgs). */
export const COMMON_OPTIONS = {
  remote: { type: "boolean", default: false },
  "sql-only": { type: "boolean", default: false },
  database: { type: "string", default: "soap-notes" },
  "persist-to": { type: "string" },
  help: { type: "boolean", default: false },
};

/** The usage line of `--remote`, `--sql-only`, `--database` and `--persist-to`. */
export const COMMON_USAGE = "[--remote | --sql-only] [--database soap-notes] [--persist-to <dir>]";

/**
 * Runs `sql` with `wrangler d1 execute` (local D1 unless `--remote`) and returns the per-statement
 * results (`[{ results, meta }]`), or prints it and returns undefined with `--sql-only`.
 */
export function runSql(values, sql) {
  if (values["sql-only"]) {
    console.log(sql);
    return undefined;
  }
  const args = [wranglerBin, "d1", "execute", values.database, values.remote ? "--remote" : "--local", "--json", "--command", sql];
  if (values["persist-to"]) args.push("--persist-to", values["persist-to"]);
  const out = execFileSync(process.execPath, args, {
    cwd: appDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  return JSON.parse(out);
}

/** The `n` of the last statement of a {@link runSql} result (a `countSql` check appended to the SQL). */
export function lastCount(results) {
  return results?.[results.length - 1]?.results?.[0]?.n ?? 0;
}

/** A new API key: the key (shown once), its SHA-256 (stored), its prefix (to tell keys apart) and an id. */
export function newKey() {
  const key = `soap_sk_${randomBytes(32).toString("base64url")}`;
  return { key, keyHash: createHash("sha256").update(key).digest("hex"), keyPrefix: key.slice(0, 12), keyId: `key_${randomUUID()}` };
}

/** A point in time from `--at <ISO date>` or `--in-days <n>` (n may be 0 or fractional), or undefined. */
export function parseWhen(values, now) {
  if (values.at !== undefined) {
    const at = Date.parse(values.at);
    if (Number.isNaN(at)) throw new Error(`--at must be an ISO date such as 2026-12-31T00:00:00Z (got "${values.at}")`);
    return at;
  }
  if (values["in-days"] !== undefined) {
    const days = Number(values["in-days"]);
    if (!Number.isFinite(days) || days < 0) throw new Error(`--in-days must be a number of days, 0 or more (got "${values["in-days"]}")`);
    return now + Math.round(days * 24 * 60 * 60 * 1000);
  }
  return undefined;
}

/** Prints `message` as the script's error and sets exit code 2 (bad usage) or 1. */
export function fail(message, code = 2) {
  console.error(`error: ${message}`);
  process.exitCode = code;
}
