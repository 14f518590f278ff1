#!/usr/bin/env node
// Sets the hosts a tenant's audio_url may name (exact host names, or *.example.com for any subdomain),
// or clears the list (any public host).
//
//   node scripts/audio-hosts.mjs --tenant <tenant id> --hosts media.clinic.example,*.s3.amazonaws.com
//   node scripts/audio-hosts.mjs --tenant <tenant id> --clear
//   ... --remote | --sql-only
import { parseArgs } from "node:util";
import { COMMON_OPTIONS, COMMON_USAGE, fail, lastCount, runSql } from "./lib/d1.mjs";
import { audioHostsSql, countSql } from "./lib/key-sql.mjs";

const { values } = parseArgs({ options: { ...COMMON_OPTIONS, tenant: { type: "string" }, hosts: { type: "string" }, clear: { type: "boolean", default: false } } });

if (values.help || !values.tenant || (values.hosts === undefined) === !values.clear) {
  console.error(`Usage: audio-hosts.mjs --tenant <tenant id> (--hosts <host,*.domain,…> | --clear) ${COMMON_USAGE}`);
  process.exitCode = values.help ? 0 : 2;
} else {
  try {
    const sql = audioHostsSql({ tenantId: values.tenant, hosts: values.clear ? null : values.hosts.split(",") });
    const results = runSql(values, `${sql}\n${countSql.tenant(values.tenant)}`);
    if (results !== undefined) {
      if (lastCount(results) === 0) fail(`no tenant with id ${values.tenant}`, 1);
      else console.log(values.clear ? "allowlist cleared: any public host" : "allowlist set");
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
