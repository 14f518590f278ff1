#!/usr/bin/env node
// Revokes an API key at once (every request with it gets 401 from then on), or every key of a tenant.
//
//   node scripts/revoke-key.mjs --key-id <key id>               # one key (list-keys.mjs shows ids)
//   node scripts/revoke-key.mjs --tenant <tenant id> --all      # every key of the tenant
//   ... --remote | --sql-only
import { parseArgs } from "node:util";
import { COMMON_OPTIONS, COMMON_USAGE, fail, lastCount, runSql } from "./lib/d1.mjs";
import { countSql, revokeKeySql } from "./lib/key-sql.mjs";

const { values } = parseArgs({ options: { ...COMMON_OPTIONS, "key-id": { type: "string" }, tenant: { type: "string" }, all: { type: "boolean", default: false } } });

if (values.help || (!values["key-id"] && !(values.tenant && values.all))) {
  console.error(`Usage: revoke-key.mjs --key-id <key id> | --tenant <tenant id> --all ${COMMON_USAGE}`);
  process.exitCode = values.help ? 0 : 2;
} else {
  try {
    const target = { keyId: values["key-id"], tenantId: values["key-id"] ? undefined : values.tenant, now: Date.now() };
    const results = runSql(values, `${revokeKeySql(target)}\n${countSql.revokedAt(target)}`);
    if (results !== undefined) {
      const n = lastCount(results);
      if (n === 0) fail(`no live key matched (${values["key-id"] ? `key id ${values["key-id"]}` : `tenant ${values.tenant}`}): already revoked or unknown`, 1);
      else console.log(`revoked ${n} key(s)`);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), 1);
  }
}
