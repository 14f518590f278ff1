#!/usr/bin/env node
// Creates a tenant (unless --tenant names an existing one) and an API key for it, and prints the key
// ONCE. Only the key's SHA-256 is stored. Runs the SQL through wrangler against local D1 by default.
//
//   node scripts/create-key.mjs --name "Clinic A"                 # new tenant + key, local D1
//   node scripts/create-key.mjs --tenant <tenant-id>              # another key for a tenant
//   node scripts/create-key.mjs --tenant <id> --expires-in-days 90 --key-name "EHR bridge"
//   node scripts/create-key.mjs --name "Clinic A" --remote        # against the deployed D1
//   node scripts/create-key.mjs --name "Clinic A" --sql-only      # print the SQL instead of running it
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { COMMON_OPTIONS, COMMON_USAGE, fail, newKey, parseWhen, runSql } from "./lib/d1.mjs";
import { createKeySql } from "./lib/key-sql.mjs";

const { values } = parseArgs({
  options: { ...COMMON_OPTIONS, name: { type: "string" }, tenant: { type: "string" }, "key-name": { type: "string" }, "expires-in-days": { type: "string" } },
});

if (values.help || (!values.name && !values.tenant)) {
  console.error(`Usage: create-key.mjs --name <tenant name> | --tenant <tenant id> [--key-name <label>] [--expires-in-days <n>] ${COMMON_USAGE}`);
  process.exitCode = values.help ? 0 : 2;
} else {
  try {
    const now = Date.now();
    const tenantId = values.tenant ?? `ten_${randomUUID()}`;
    const expiresAt = parseWhen({ "in-days": values["expires-in-days"] }, now);
    const { key, keyHash, keyPrefix, keyId } = newKey();
    runSql(values, createKeySql({ tenantId, tenantName: values.tenant ? undefined : values.name, keyId, keyHash, keyPrefix, name: values["key-name"], now, expiresAt }));
    console.log(`tenant: ${tenantId}`);
    console.log(`key id: ${keyId}${expiresAt === undefined ? "" : ` (expires ${new Date(expiresAt).toISOString()})`}`);
    // The only time the key is shown: it cannot be recovered from the database.
    console.log(`api key: ${key}`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), 1);
  }
}
