import { env } from "cloudflare:workers";
import { STALE_QUEUED_MS } from "@org/soap-edge-api";
import { expect } from "vitest";
import { getNote } from "../api.js";
import { chooseInt, scenario, type Scenario } from "./scenario.js";

const DAY_MS = 24 * 3_600_000;
/** Jobs one sweep step looks at (apps/edge-api SWEEP_BATCH) and messages per `sendBatch` call. */
const BATCH = 100;

const staleJobs = chooseInt("sweep-stale-jobs", 101, 180);

/**
 * Inserts `count` jobs of a tenant stuck `queued` for a month (their message lost), and one stuck
 * `creating`, straight into D1 (the state a long queue outage leaves behind).
 */
async function insertStuckJobs(tenantId: string, now: number, count: number): Promise<{ queued: string[]; creating: string }> {
  const stmt = env.DB.prepare(
    `INSERT INTO jobs (id, tenant_id, status, transcript_id, template_spec, model, options_json, created_at, updated_at)
     VALUES (?1, ?2, ?3, NULL, 'soap-structured@2.0.0', 'm', '{}', ?4, ?4)`,
  );
  const old = now - 30 * DAY_MS;
  const queued = Array.from({ length: count }, (_, i) => `${tenantId}-stuck-${i}`);
  const creating = `${tenantId}-creating`;
  const rows = [...queued.map((id, i) => stmt.bind(id, tenantId, "queued", old + i)), stmt.bind(creating, tenantId, "creating", old)];
  for (let i = 0; i < rows.length; i += 50) await env.DB.batch(rows.slice(i, i + 50));
  return { queued, creating };
}

/**
 * The cron sweep while the queue is down, with more than one batch of stale jobs: it does not throw,
 * its other steps still run (a stuck `creating` job is failed), the jobs it could not send are stamped
 * and rotate; once the queue is back every stale job is sent again within a few sweeps, in batches.
 */
const queueDownManyStale = scenario<number>({
  name: `sweep with the queue down and more than 100 stale jobs (${staleJobs})`,
  variants: [
    { label: "the queue down for 1 sweep", value: 1 },
    { label: "the queue down for 2 sweeps", value: 2 },
  ],
  async run(make, downSweeps) {
    const h = make();
    const { tenantId, key } = await h.seedTenant();
    try {
      const { queued, creating } = await insertStuckJobs(tenantId, h.now(), staleJobs);
      h.queue.failNextSends = 1_000_000;
      for (let i = 0; i < downSweeps; i++) await h.sweep(STALE_QUEUED_MS + 1);
      expect(h.queue.calls.failed, "the sweep never tried the queue").toBeGreaterThan(0);
      expect(h.queue.sent).toEqual([]);
      const failed = await getNote(h, key, creating);
      expect(failed.status).toBe("failed");
      expect(failed.failure?.code).toBe("transcript_create_uncertain");
      expect(h.captured.some((l) => l.includes('"event":"sweep.send_failed"'))).toBe(true);

      h.queue.failNextSends = 0;
      const calls = h.queue.calls.sendBatch + h.queue.calls.send;
      const sent = new Set<string>();
      let sweeps = 0;
      while (sent.size < queued.length && sweeps < 5) {
        await h.sweep(STALE_QUEUED_MS + 1);
        sweeps++;
        for (const m of h.queue.drain()) if (m.tenantId === tenantId) sent.add(m.jobId);
      }
      expect([...sent].sort()).toEqual([...queued].sort());
      expect(sweeps, "sweeps to send every stale job again").toBeLessThanOrEqual(Math.ceil(staleJobs / BATCH) + 1);
      expect(h.queue.calls.sendBatch + h.queue.calls.send - calls, "one queue call per job instead of batches").toBeLessThan(2 * sweeps + 2);
      return "survived";
    } finally {
      // Jobs without transcripts that no consumer will finish: left in the shared D1, later cells' sweeps would spend their batches on them.
      await env.DB.prepare("DELETE FROM jobs WHERE tenant_id = ?1").bind(tenantId).run();
    }
  },
});

/** A sweeper that survives failures and crowds (#15 item 5). */
export const SWEEPER_SCENARIOS: readonly Scenario[] = [queueDownManyStale];
