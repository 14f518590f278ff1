#!/usr/bin/env node
// Creates a tenant (unless --tenant names an existing one) and an API key for it, and prints the key
// ONCE. Only the key's SHA-256 is stored. Runs the SQL through wrangler against local D1 by default.
//
//   node scripts/create-key.mjs --name "Clinic A"                 # new tenant + key, local D1
//   node scripts/create-key.mjs --tenant <tenant-id>              # another key for a tenant
//   node scripts/create-key.mjs --name "Clinic A" --remote        # against the deployed D1
//   node scripts/create-key.mjs --name "Clinic A" --sql-only      # print the SQL instead of running it
import { execFileSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const wranglerBin = join(appDir, "..", "..", "node_modules/wrangler/bin/wrangler.js");

const { values } = parseArgs({
  options: {
    name: { type: "string" },
    tenant: { type: "string" },
    remote: { type: "boolean", default: false },
    "sql-only": { type: "boolean", default: false },
    database: { type: "string", default: "soap-notes" },
    "persist-to": { type: "string" },
  },
});

if (!values.name && !values.tenant) {
  console.error("Usage: create-key.mjs --name <tenant name> | --tenant <tenant id> [--remote] [--sql-only]");
  process.exitCode = 2;
} else {
  const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;
  const now = Date.now();
  const tenantId = values.tenant ?? `ten_${randomUUID()}`;
  const key = `soap_sk_${randomBytes(32).toString("base64url")}`;
  const keyHash = createHash("sha256").update(key).digest("hex");
  const statements = [];
  if (!values.tenant) statements.push(`INSERT INTO tenants (id, name, created_at) VALUES (${quote(tenantId)}, ${quote(values.name)}, ${now});`);
  statements.push(
    `INSERT INTO api_keys (id, tenant_id, key_hash, key_prefix, created_at) VALUES (${quote(`key_${randomUUID()}`)}, ${quote(tenantId)}, ${quote(keyHash)}, ${quote(key.slice(0, 12))}, ${now});`,
  );
  const sql = statements.join("\n");
  if (values["sql-only"]) {
    console.log(sql);
  } else {
    const args = [wranglerBin, "d1", "execute", values.database, values.remote ? "--remote" : "--local", "--command", sql];
    if (values["persist-to"]) args.push("--persist-to", values["persist-to"]);
    execFileSync(process.execPath, args, { cwd: appDir, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  }
  console.log(`tenant: ${tenantId}`);
  // The only time the key is shown: it cannot be recovered from the database.
  console.log(`api key: ${key}`);
}
