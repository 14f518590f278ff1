import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseAppConfig, STALE_CREATING_MS, STALE_QUEUED_MS, STALE_TRANSCRIBING_MS } from "../src/index.js";
import { resolveDeps } from "../src/app/app-types.js";
import { GENERATION_LEASE_MS } from "../src/jobs/lease.js";
import { sweepStaleJobs } from "../src/jobs/sweeper.js";
import { createHarness } from "./support/harness.js";
import { startNote } from "./support/flow.js";

const DAY = 24 * 3_600_000;

async function insertJobs(rows: { id: string; tenantId: string; status: string; at: number; transcriptId?: string }[]): Promise<void> {
  const stmt = env.DB.prepare(
    `INSERT INTO jobs (id, tenant_id, status, transcript_id, template_spec, model, options_json, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, 'soap-structured@2.0.0', 'm', '{}', ?5, ?5)`,
  );
  for (let i = 0; i < rows.length; i += 50) {
    await env.DB.batch(rows.slice(i, i + 50).map((r) => stmt.bind(r.id, r.tenantId, r.status, r.transcriptId ?? null, r.at)));
  }
}

async function statusOf(id: string): Promise<string | undefined> {
  return (await env.DB.prepare("SELECT status FROM jobs WHERE id = ?1").bind(id).first<{ status: string }>())?.status;
}

describe("a robust sweep", () => {
  it("goes on when the queue is down (other steps still run), then re-sends more than 100 stale jobs in batches", async () => {
    const h = createHarness();
    const { tenantId } = await h.seedTenant("Clinic");
    const old = h.now() - 30 * DAY;
    const queued = Array.from({ length: 150 }, (_, i) => ({ id: `${tenantId}-q${i}`, tenantId, status: "queued", at: old + i }));
    await insertJobs([...queued, { id: `${tenantId}-creating`, tenantId, status: "creating", at: old }]);
    h.queue.failNextSends = 1_000_000;
    // The queue is down: the sweep does not throw, and the stuck `creating` job is still failed.
    await h.worker.scheduled(undefined, h.env);
    expect(await statusOf(`${tenantId}-creating`)).toBe("failed");
    expect(h.logs.some((l) => l.event === "sweep.send_failed")).toBe(true);
    h.queue.failNextSends = 0;
    const mine = new Set<string>();
    let sweeps = 0;
    while (mine.size < queued.length && sweeps < 5) {
      h.advance(STALE_QUEUED_MS + 1);
      await h.worker.scheduled(undefined, h.env);
      sweeps++;
      for (const m of h.queue.drain()) if (m.tenantId === tenantId) mine.add(m.jobId);
    }
    expect(mine.size).toBe(150);
    expect(sweeps).toBeLessThanOrEqual(3);
    // sendBatch, 100 messages a call: not one call per job.
    expect(h.queue.batches).toBeLessThan(10);
  });

  it("stamps jobs whose lookup failed, so that more than 100 stuck jobs do not crowd out the rest", async () => {
    const h = createHarness();
    const { tenantId } = await h.seedTenant("Clinic");
    const old = h.now() - 60 * DAY;
    const stuck = Array.from({ length: 100 }, (_, i) => ({ id: `${tenantId}-stuck${i}`, tenantId, status: "transcribing", at: old + i, transcriptId: `${tenantId}-t${i}` }));
    const last = { id: `${tenantId}-last`, tenantId, status: "transcribing", at: old + 1_000, transcriptId: `${tenantId}-tlast` };
    await insertJobs([...stuck, last]);
    // AssemblyAI answers 500 to the first 100 lookups (the sweep's whole batch).
    h.sandbox.faults.add({ route: "get", kind: "status", status: 500, times: 100 });
    h.advance(STALE_TRANSCRIBING_MS + 1);
    await h.worker.scheduled(undefined, h.env);
    expect(await statusOf(last.id)).toBe("transcribing");
    // Next sweep: the 101st gets its turn (AssemblyAI no longer has its transcript: failed).
    h.advance(5 * 60_000);
    await h.worker.scheduled(undefined, h.env);
    expect(await statusOf(last.id)).toBe("failed");
    expect(await statusOf(stuck[0]!.id)).toBe("transcribing");
  });

  it("re-sends a job whose generation lease expired (its delivery died) and the next delivery takes it over", async () => {
    const h = createHarness();
    const { key, tenantId } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    await h.finishTranscripts();
    h.queue.drain();
    await env.DB.prepare("UPDATE jobs SET status = 'generating', attempts = 1, lease_until = ?2 WHERE id = ?1").bind(id, h.now() + GENERATION_LEASE_MS).run();
    await h.worker.scheduled(undefined, h.env);
    expect(h.queue.drain().filter((m) => m.jobId === id)).toEqual([]);
    h.advance(GENERATION_LEASE_MS + 1);
    await h.worker.scheduled(undefined, h.env);
    const mine = h.queue.drain().filter((m) => m.jobId === id);
    expect(mine).toEqual([{ jobId: id, tenantId }]);
    await h.deliver(mine[0]!, 1);
    expect(await statusOf(id)).toBe("completed");
  });

  it("stops calling AssemblyAI when its time budget is spent", async () => {
    const h = createHarness();
    const { tenantId } = await h.seedTenant("Clinic");
    const old = h.now() - 90 * DAY;
    await insertJobs(Array.from({ length: 20 }, (_, i) => ({ id: `${tenantId}-b${i}`, tenantId, status: "transcribing", at: old + i, transcriptId: `${tenantId}-bt${i}` })));
    // A clock that moves a second per reading: the lookups take time.
    let clock = h.now() + STALE_CREATING_MS + STALE_TRANSCRIBING_MS;
    const deps = resolveDeps({ fetch: h.sandbox.fetch, now: () => (clock += 1_000), log: (r) => h.logs.push(r) });
    const result = await sweepStaleJobs(parseAppConfig(h.env as unknown as Record<string, unknown>), deps, { budgetMs: 12_000 });
    expect(result.budgetExhausted).toBe(true);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM jobs WHERE tenant_id = ?1 AND status = 'transcribing'").bind(tenantId).first<{ n: number }>();
    expect(left?.n).toBeGreaterThan(10);
  });
});
