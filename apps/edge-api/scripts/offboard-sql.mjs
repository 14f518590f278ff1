// The SQL of a tenant offboarding request (pure: no I/O), shared by scripts/offboard-tenant.mjs and the
// tests. The request revokes the tenant's keys at once and asks the Worker to carry out the rest: its
// cron sweep (src/tenants/offboard-tenant.ts) queues every transcript for deletion at AssemblyAI, deletes
// the tenant's notes, jobs and keys, then deletes the transcripts.

/** Tenant ids as create-key.mjs makes them (`ten_<uuid>`), or any id of letters, digits, `_` and `-`. */
export const TENANT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The statements that request the offboarding of `tenantId` at time `now` (epoch ms).
 * @throws {Error} when the tenant id is not one (it is written into SQL).
 */
export function offboardRequestStatements(tenantId, now) {
  if (typeof tenantId !== "string" || !TENANT_ID.test(tenantId)) {
    throw new Error(`Not a tenant id: ${JSON.stringify(String(tenantId)).slice(0, 60)} (expected letters, digits, "_" or "-", as printed by create-key.mjs).`);
  }
  if (!Number.isSafeInteger(now)) throw new Error("now must be epoch milliseconds");
  const id = `'${tenantId}'`;
  return [
    `UPDATE api_keys SET revoked_at = ${now} WHERE tenant_id = ${id} AND revoked_at IS NULL;`,
    `INSERT INTO tenant_offboardings (tenant_id, requested_at) SELECT id, ${now} FROM tenants WHERE id = ${id} ON CONFLICT (tenant_id) DO NOTHING;`,
  ];
}

/** A query that shows how far the offboarding of `tenantId` got. */
export function offboardStatusQuery(tenantId) {
  if (typeof tenantId !== "string" || !TENANT_ID.test(tenantId)) throw new Error("Not a tenant id.");
  return (
    "SELECT o.tenant_id, o.requested_at, o.completed_at, o.jobs_removed, o.transcripts_queued, " +
    "(SELECT COUNT(*) FROM transcript_purges p WHERE p.tenant_id = o.tenant_id) AS transcripts_still_at_assemblyai " +
    `FROM tenant_offboardings o WHERE o.tenant_id = '${tenantId}';`
  );
}
