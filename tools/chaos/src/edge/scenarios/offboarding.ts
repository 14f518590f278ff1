import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { offboardRequestStatements } from "../../../../../apps/edge-api/scripts/offboard-sql.mjs";
import { expectError, expectNoLostJob, getNote } from "../api.js";
import { AUDIO } from "../harness.js";
import { addFault, completedNote, PURGE_RETRY_MS, startNote } from "../steps.js";
import { transcriptDeleted } from "./deletion.js";
import { STATUSES_5XX, type FaultOn } from "./faults.js";
import { scenario, type Scenario } from "./scenario.js";

async function rows(table: "tenants" | "jobs" | "notes" | "api_keys" | "transcript_purges", tenantId: string): Promise<number> {
  const column = table === "tenants" ? "id" : "tenant_id";
  return (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?1`).bind(tenantId).first<{ n: number }>())?.n ?? 0;
}

/**
 * A tenant offboarded with `scripts/offboard-tenant.mjs` (its SQL, as the operator runs it): its keys
 * stop at once; the next sweep deletes its data here and its transcripts at AssemblyAI (a completed one
 * by the sweeper, retried while AssemblyAI fails; one still transcribing once it completes, by its
 * webhook, which finds no job, or by a later sweep). Another tenant is untouched.
 */
const offboarding = scenario<FaultOn | undefined>({
  name: "a tenant offboarded",
  variants: [
    { label: "no fault on AssemblyAI's delete", value: undefined },
    ...STATUSES_5XX.map((s) => ({ label: `AssemblyAI's delete answers ${s} until it recovers`, value: { kind: "status", status: s } as FaultOn })),
    { label: "AssemblyAI's delete resets the connection once", value: { kind: "reset", times: 1 } },
  ],
  async run(make, purgeFault) {
    const h = make();
    const leaving = await h.seedTenant("Leaving clinic");
    const staying = await h.seedTenant("Staying clinic");
    const done = (await completedNote(h, leaving.key)).id;
    const kept = (await completedNote(h, staying.key, AUDIO.finger)).id;
    const running = await startNote(h, leaving.key);

    for (const sql of offboardRequestStatements(leaving.tenantId, h.now())) await env.DB.prepare(sql).run();
    await expectError(await h.request(`/v1/notes/${done}`, { key: leaving.key }), { status: 401, code: "unauthorized", phrase: "Invalid API key" });

    const fired = purgeFault ? addFault(h, { route: "delete", ...purgeFault }) : () => 1;
    await h.sweep(0);
    for (const table of ["tenants", "jobs", "notes", "api_keys"] as const) expect(await rows(table, leaving.tenantId), `${table} rows left`).toBe(0);
    expect(fired()).toBeGreaterThan(0);
    // Still being made: AssemblyAI refuses to delete it yet (its webhook, or a later sweep, will).
    expect(transcriptDeleted(h, running)).toBe(false);
    if (!transcriptDeleted(h, done)) {
      expect(purgeFault, "not deleted, with nothing failing").toBeDefined();
      h.sandbox.faults.clear();
      await h.sweep(PURGE_RETRY_MS);
    }
    expect(transcriptDeleted(h, done), "the completed note's transcript is still at AssemblyAI").toBe(true);
    h.sandbox.faults.clear();
    const deliveries = await h.settle();
    expect(transcriptDeleted(h, running), "the running transcript is still at AssemblyAI").toBe(true);
    expect(deliveries.filter((d) => d.jobId === running || d.jobId === done)).toEqual([]);
    expect(await rows("transcript_purges", leaving.tenantId)).toBe(0);

    expect((await getNote(h, staying.key, kept)).status).toBe("completed");
    expect(transcriptDeleted(h, kept)).toBe(false);
    await expectNoLostJob(h, staying.key);
    return "survived";
  },
});

/** Tenant offboarding purges upstream too (#15 item 2). */
export const OFFBOARDING_SCENARIOS: readonly Scenario[] = [offboarding];
