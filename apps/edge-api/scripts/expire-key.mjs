#!/usr/bin/env node
// Sets when an API key stops working (401 from then on), or removes its expiry.
//
//   node scripts/expire-key.mjs --key-id <key id> --at 2026-12-31T00:00:00Z
//   node scripts/expire-key.mjs --key-id <key id> --in-days 30
//   node scripts/expire-key.mjs --key-id <key id> --never
//   ... --remote | --sql-only
import { parseArgs } from "node:util";
import { COMMON_OPTIONS, COMMON_USAGE, fail, lastCount, parseWhen, runSql } from "./lib/d1.mjs";
import { countSql, expireKeySql } from "./lib/key-sql.mjs";

const { values } = parseArgs({
  options: { ...COMMON_OPTIONS, "key-id": { type: "string" }, at: { type: "string" }, "in-days": { type: "string" }, never: { type: "boolean", default: false } },
});

const chosen = [values.at !== undefined, values["in-days"] !== undefined, values.never].filter(Boolean).length;
if (values.help || !values["key-id"] || chosen !== 1) {
  console.error(`Usage: expire-key.mjs --key-id <key id> (--at <ISO date> | --in-days <n> | --never) ${COMMON_USAGE}`);
  process.exitCode = values.help ? 0 : 2;
} else {
  try {
    const expiresAt = values.never ? null : parseWhen(values, Date.now());
    const results = runSql(values, `${expireKeySql({ keyId: values["key-id"], expiresAt })}\n${countSql.liveKey(values["key-id"])}`);
    if (results !== undefined) {
      if (lastCount(results) === 0) fail(`no live key with id ${values["key-id"]} (unknown or revoked)`, 1);
      else console.log(expiresAt === null ? "the key no longer expires" : `the key expires ${new Date(expiresAt).toISOString()}`);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
