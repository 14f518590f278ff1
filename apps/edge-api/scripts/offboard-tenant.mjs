#!/usr/bin/env node
// Offboards a tenant: revokes its API keys at once and asks the Worker to delete everything else. Within
// one cron sweep (every 5 minutes) the Worker queues every transcript of the tenant for deletion at
// AssemblyAI and deletes the tenant with its notes, jobs and keys; later sweeps (and late webhooks) delete
// the transcripts at AssemblyAI, retrying until AssemblyAI confirms. Audit events are kept (ids only).
//
//   node scripts/offboard-tenant.mjs --tenant <tenant-id> --yes            # local D1
//   node scripts/offboard-tenant.mjs --tenant <tenant-id> --yes --remote   # the deployed D1
//   node scripts/offboard-tenant.mjs --tenant <tenant-id> --status [--remote]  # how far it got
//   node scripts/offboard-tenant.mjs --tenant <tenant-id> --sql-only       # print the SQL instead
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { offboardRequestStatements, offboardStatusQuery, TENANT_ID } from "./offboard-sql.mjs";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const wranglerBin = join(appDir, "..", "..", "node_modules/wrangler/bin/wrangler.js");

const { values } = parseArgs({
  options: {
    tenant: { type: "string" },
    yes: { type: "boolean", default: false },
    status: { type: "boolean", default: false },
    remote: { type: "boolean", default: false },
    "sql-only": { type: "boolean", default: false },
    database: { type: "string", default: "soap-notes" },
    "persist-to": { type: "string" },
  },
});

/** Runs SQL through wrangler; returns its JSON results (one entry per statement). */
function d1(sql) {
  const args = [wranglerBin, "d1", "execute", values.database, values.remote ? "--remote" : "--local", "--json", "--command", sql];
  if (values["persist-to"]) args.push("--persist-to", values["persist-to"]);
  const out = execFileSync(process.execPath, args, { cwd: appDir, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  return JSON.parse(out);
}

if (!values.tenant || !TENANT_ID.test(values.tenant)) {
  console.error("Usage: offboard-tenant.mjs --tenant <tenant id> (--yes | --status | --sql-only) [--remote]");
  console.error("The tenant id is the one create-key.mjs printed (letters, digits, _ and -).");
  process.exitCode = 2;
} else if (values.status) {
  const [result] = d1(offboardStatusQuery(values.tenant));
  const row = result?.results?.[0];
  if (!row) {
    console.error(`No offboarding was requested for tenant ${values.tenant}.`);
    process.exitCode = 1;
  } else {
    console.log(JSON.stringify(row, null, 2));
  }
} else {
  const sql = offboardRequestStatements(values.tenant, Date.now()).join("\n");
  // A second request for the same tenant changes nothing (the first one's time is kept).
  if (values["sql-only"]) {
    console.log(sql);
  } else if (!values.yes) {
    console.error(
      `This revokes every API key of tenant ${values.tenant} now and deletes all its notes, and its transcripts at AssemblyAI, ` +
        "within minutes. It cannot be undone. Run again with --yes to go ahead.",
    );
    process.exitCode = 2;
  } else {
    d1(sql);
    // Read back (local D1 reports no row counts): no row means no such tenant.
    const row = d1(offboardStatusQuery(values.tenant))?.[0]?.results?.[0];
    if (!row) {
      console.error(`No tenant ${values.tenant} in the ${values.remote ? "deployed" : "local"} database: nothing was changed.`);
      process.exitCode = 1;
    } else {
      console.log(`offboarding requested for tenant ${values.tenant}: its keys are revoked; the Worker's next cron sweep deletes its data.`);
      console.log(`progress: node scripts/offboard-tenant.mjs --tenant ${values.tenant} --status${values.remote ? " --remote" : ""}`);
    }
  }
}
