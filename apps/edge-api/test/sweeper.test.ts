import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { STALE_CREATING_MS, STALE_GENERATING_MS, STALE_QUEUED_MS, STALE_TRANSCRIBING_MS } from "../src/index.js";
import { createHarness } from "./support/harness.js";
import { startNote } from "./support/flow.js";

async function statusOf(id: string): Promise<{ status: string; failure_code: string | null }> {
  const row = await env.DB.prepare("SELECT status, failure_code FROM jobs WHERE id = ?1").bind(id).first<{ status: string; failure_code: string | null }>();
  if (!row) throw new Error(`no job ${id}`);
  return row;
}

describe("the cron sweep", () => {
  it("re-sends a queued job whose message was lost, and then the note completes", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    await h.finishTranscripts();
    expect(h.queue.drain()).toHaveLength(1); // the message is lost
    // The sweep spans every tenant (other tests' jobs share the database): look at this job only.
    const sentForThisJob = () => h.queue.sent.filter((m) => m.jobId === id);
    await h.worker.scheduled(undefined, h.env);
    expect(sentForThisJob()).toEqual([]); // not stale yet
    h.advance(STALE_QUEUED_MS + 1);
    await h.worker.scheduled(undefined, h.env);
    expect(sentForThisJob()).toHaveLength(1);
    for (const m of h.queue.drain()) if (m.jobId === id) await h.deliver(m);
    expect((await statusOf(id)).status).toBe("completed");
  });

  it("fails a job stuck creating and one stuck generating, and leaves fresh ones alone", async () => {
    const h = createHarness();
    const { tenantId } = await h.seedTenant("Clinic");
    const insert = (id: string, status: string, at: number) =>
      env.DB.prepare(
        `INSERT INTO jobs (id, tenant_id, status, template_spec, model, options_json, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'soap-structured@2.0.0', 'm', '{}', ?4, ?4)`,
      )
        .bind(id, tenantId, status, at)
        .run();
    const now = h.now();
    await insert(`${tenantId}-creating-old`, "creating", now - STALE_CREATING_MS - 1);
    await insert(`${tenantId}-creating-new`, "creating", now - 1_000);
    await insert(`${tenantId}-generating-old`, "generating", now - STALE_GENERATING_MS - 1);
    await insert(`${tenantId}-generating-new`, "generating", now - 1_000);
    await h.worker.scheduled(undefined, h.env);
    expect(await statusOf(`${tenantId}-creating-old`)).toEqual({ status: "failed", failure_code: "transcript_create_uncertain" });
    expect(await statusOf(`${tenantId}-generating-old`)).toEqual({ status: "failed", failure_code: "retries_exhausted" });
    expect((await statusOf(`${tenantId}-creating-new`)).status).toBe("creating");
    expect((await statusOf(`${tenantId}-generating-new`)).status).toBe("generating");
  });
  it("looks up the transcript of a job whose webhook never got through, and queues it", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    // The transcript completes but its webhook is lost (AssemblyAI gave up): the job would wait forever.
    h.advance(5_000);
    h.sandbox.advance();
    expect(h.sandbox.state.pendingWebhooks.splice(0)).toHaveLength(1);
    expect((await statusOf(id)).status).toBe("transcribing");
    h.advance(STALE_TRANSCRIBING_MS + 1);
    await h.worker.scheduled(undefined, h.env);
    const mine = h.queue.drain().filter((m) => m.jobId === id);
    expect(mine).toHaveLength(1);
    for (const m of mine) await h.deliver(m);
    expect((await statusOf(id)).status).toBe("completed");
  });

  it.each([400, 404] as const)("fails a job whose transcript AssemblyAI no longer has (lookup error %i) and whose webhook never came", async (status) => {
    const h = createHarness({ sandbox: { notFoundStatus: status } });
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    h.advance(5_000);
    h.sandbox.advance();
    const [lost] = h.sandbox.state.pendingWebhooks.splice(0);
    expect(h.sandbox.state.transcripts.delete(lost?.transcriptId ?? "")).toBe(true);
    h.advance(STALE_TRANSCRIBING_MS + 1);
    await h.worker.scheduled(undefined, h.env);
    expect(await statusOf(id)).toEqual({ status: "failed", failure_code: "transcription_failed" });
    expect(h.sandbox.counters.route("get").statuses[String(status)]).toBeGreaterThan(0);
  });
});
