import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { offboardRequestStatements } from "../scripts/offboard-sql.mjs";
import { createHarness, type Harness } from "./support/harness.js";
import { completedNote, startNote } from "./support/flow.js";

function transcriptIdOf(h: Harness, jobId: string): string {
  const found = [...h.sandbox.state.transcripts.values()].find((t) => t.params.webhook_url?.endsWith(`?job=${jobId}`));
  if (!found) throw new Error(`no transcript for ${jobId}`);
  return found.id;
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
  return (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())?.n ?? 0;
}

describe("tenant offboarding (scripts/offboard-tenant.mjs + the sweeper)", () => {
  it("revokes the keys at once, deletes the tenant's data here, and its transcripts at AssemblyAI (now, or when they complete)", async () => {
    const h = createHarness();
    const leaving = await h.seedTenant("Leaving clinic");
    const staying = await h.seedTenant("Staying clinic");
    const done = await completedNote(h, leaving.key);
    const kept = await completedNote(h, staying.key);
    const running = await startNote(h, leaving.key);
    const [doneT, keptT, runningT] = [transcriptIdOf(h, done), transcriptIdOf(h, kept), transcriptIdOf(h, running)];

    // What the script runs (through wrangler d1 execute).
    for (const sql of offboardRequestStatements(leaving.tenantId, h.now())) await env.DB.prepare(sql).run();
    expect((await h.request(`/v1/notes/${done}`, { key: leaving.key })).status).toBe(401);

    await h.worker.scheduled(undefined, h.env);
    expect(await count("SELECT COUNT(*) AS n FROM tenants WHERE id = ?1", leaving.tenantId)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM jobs WHERE tenant_id = ?1", leaving.tenantId)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM notes WHERE tenant_id = ?1", leaving.tenantId)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM api_keys WHERE tenant_id = ?1", leaving.tenantId)).toBe(0);
    const request = await env.DB.prepare("SELECT completed_at, jobs_removed, transcripts_queued FROM tenant_offboardings WHERE tenant_id = ?1")
      .bind(leaving.tenantId)
      .first<{ completed_at: number | null; jobs_removed: number; transcripts_queued: number }>();
    expect(request).toEqual({ completed_at: h.now(), jobs_removed: 2, transcripts_queued: 2 });
    // The finished transcript is deleted in the same sweep; the one still transcribing cannot be yet.
    expect(h.sandbox.state.transcripts.get(doneT)?.deleted).toBe(true);
    expect(h.sandbox.state.transcripts.get(runningT)?.deleted).toBeFalsy();
    expect(await count("SELECT COUNT(*) AS n FROM transcript_purges WHERE tenant_id = ?1", leaving.tenantId)).toBe(1);

    // Its webhook finds no job any more, and deletes it.
    await h.finishTranscripts();
    expect(h.sandbox.state.transcripts.get(runningT)?.deleted).toBe(true);
    expect(await count("SELECT COUNT(*) AS n FROM transcript_purges WHERE tenant_id = ?1", leaving.tenantId)).toBe(0);
    expect(h.queue.sent.filter((m) => m.tenantId === leaving.tenantId)).toEqual([]);

    // The other tenant is untouched.
    expect((await h.request(`/v1/notes/${kept}`, { key: staying.key })).status).toBe(200);
    expect(h.sandbox.state.transcripts.get(keptT)?.deleted).toBeFalsy();
    // A second sweep has nothing left to do for it.
    await h.worker.scheduled(undefined, h.env);
    expect(await count("SELECT COUNT(*) AS n FROM tenant_offboardings WHERE tenant_id = ?1 AND completed_at IS NULL", leaving.tenantId)).toBe(0);
  });

  it("refuses an id that is not a tenant id before writing any SQL", () => {
    expect(() => offboardRequestStatements("x' OR '1'='1", 1)).toThrow(/Not a tenant id/);
  });
});
