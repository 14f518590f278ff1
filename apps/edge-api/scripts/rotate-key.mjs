#!/usr/bin/env node
// Rotates an API key: makes a new key for the same tenant (printed ONCE) and lets the old one work for
// a grace period (default 24 h; --grace-hours 0 ends it now), so that clients can switch without downtime.
//
//   node scripts/rotate-key.mjs --key-id <old key id> [--grace-hours 24]
//   ... --remote | --sql-only
import { parseArgs } from "node:util";
import { COMMON_OPTIONS, COMMON_USAGE, fail, lastCount, newKey, runSql } from "./lib/d1.mjs";
import { countSql, rotateKeySql } from "./lib/key-sql.mjs";

const { values } = parseArgs({ options: { ...COMMON_OPTIONS, "key-id": { type: "string" }, "grace-hours": { type: "string", default: "24" } } });
const graceHours = Number(values["grace-hours"]);

if (values.help || !values["key-id"]) {
  console.error(`Usage: rotate-key.mjs --key-id <old key id> [--grace-hours <n>] ${COMMON_USAGE}`);
  process.exitCode = values.help ? 0 : 2;
} else if (!Number.isFinite(graceHours) || graceHours < 0 || graceHours > 24 * 90) {
  fail(`--grace-hours must be a number of hours from 0 to 2160 (got "${values["grace-hours"]}")`);
} else {
  try {
    const now = Date.now();
    const graceUntil = now + Math.round(graceHours * 60 * 60 * 1000);
    const { key, keyHash, keyPrefix, keyId } = newKey();
    const sql = rotateKeySql({ oldKeyId: values["key-id"], newKeyId: keyId, keyHash, keyPrefix, now, graceUntil });
    const results = runSql(values, `${sql}\n${countSql.key(keyId)}`);
    if (results !== undefined && lastCount(results) === 0) {
      fail(`no live key with id ${values["key-id"]} (unknown, revoked or expired): nothing was changed`, 1);
    } else {
      if (results === undefined) console.log("-- the key below works once this SQL is applied");
      console.log(`new key id: ${keyId}`);
      console.log(`old key ${values["key-id"]} expires ${new Date(graceUntil).toISOString()}`);
      // The only time the key is shown: it cannot be recovered from the database.
      console.log(`api key: ${key}`);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), 1);
  }
}
