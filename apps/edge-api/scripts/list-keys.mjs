#!/usr/bin/env node
// Lists a tenant's API keys: id, prefix, label, created, expires, revoked (never the key or its hash).
//
//   node scripts/list-keys.mjs --tenant <tenant id> [--remote | --sql-only]
import { parseArgs } from "node:util";
import { COMMON_OPTIONS, COMMON_USAGE, fail, runSql } from "./lib/d1.mjs";
import { listKeysSql } from "./lib/key-sql.mjs";

const { values } = parseArgs({ options: { ...COMMON_OPTIONS, tenant: { type: "string" } } });

if (values.help || !values.tenant) {
  console.error(`Usage: list-keys.mjs --tenant <tenant id> ${COMMON_USAGE}`);
  process.exitCode = values.help ? 0 : 2;
} else {
  try {
    const results = runSql(values, listKeysSql({ tenantId: values.tenant }));
    const iso = (t) => (t === null ? "-" : new Date(t).toISOString());
    for (const k of results?.[0]?.results ?? []) {
      console.log(`${k.id}  ${k.key_prefix}…  ${k.name ?? "-"}  created ${iso(k.created_at)}  expires ${iso(k.expires_at)}  revoked ${iso(k.revoked_at)}`);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), 1);
  }
}
