import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { GENERATION_LEASE_MS } from "../src/jobs/lease.js";
import { createHarness, type Harness } from "./support/harness.js";
import { completedNote, startNote } from "./support/flow.js";

async function job(id: string): Promise<{ status: string; attempts: number; lease_until: number | null }> {
  const row = await env.DB.prepare("SELECT status, attempts, lease_until FROM jobs WHERE id = ?1").bind(id).first<{ status: string; attempts: number; lease_until: number | null }>();
  if (!row) throw new Error(`no job ${id}`);
  return row;
}

/** Chat calls one note costs in this harness (measured on a first note). */
async function chatsPerNote(h: Harness, key: string): Promise<number> {
  const before = h.sandbox.counters.calls("chat");
  await completedNote(h, key);
  const per = h.sandbox.counters.calls("chat") - before;
  expect(per).toBeGreaterThan(0);
  return per;
}

/** A D1 binding whose `UPDATE … SET enqueued_at` fails the next `failNext` times (the send before it succeeded). */
function flakyMarkEnqueued(db: D1Database): { db: D1Database; failNext: number } {
  const control = { db, failNext: 0 };
  control.db = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          if (!/^UPDATE jobs SET enqueued_at = \?2, updated_at = \?2 WHERE id = \?1$/.test(sql) || control.failNext <= 0) return stmt;
          control.failNext--;
          return { bind: () => ({ run: async () => Promise.reject(new Error("D1_ERROR: network connection lost")) }) } as unknown as D1PreparedStatement;
        };
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return control;
}

describe("the generation lease", () => {
  it("lets one of two concurrent deliveries of a job generate; the other is acked without an LLM call", async () => {
    const h = createHarness();
    const { key, tenantId } = await h.seedTenant("Clinic");
    const per = await chatsPerNote(h, key);
    const id = await startNote(h, key);
    await h.finishTranscripts();
    const [message] = h.queue.drain();
    expect(message).toEqual({ jobId: id, tenantId });
    const before = h.sandbox.counters.calls("chat");
    const results = await Promise.all([h.deliver(message!), h.deliver(message!)]);
    expect(results).toEqual([
      { acked: true, retryDelaySeconds: undefined },
      { acked: true, retryDelaySeconds: undefined },
    ]);
    expect(h.sandbox.counters.calls("chat") - before).toBe(per);
    expect(await job(id)).toMatchObject({ status: "completed", lease_until: null });
    expect(h.logs.filter((l) => l.event === "job.skipped" && l["job_id"] === id).map((l) => l["reason"])).toEqual(["leased"]);
  });

  it("generates once when the webhook's send succeeded but recording it failed (a second message is sent)", async () => {
    const flaky = flakyMarkEnqueued(env.DB);
    const h = createHarness({ bindings: { DB: flaky.db } });
    const { key } = await h.seedTenant("Clinic");
    const per = await chatsPerNote(h, key);
    h.queue.drain();
    flaky.failNext = 1;
    const id = await startNote(h, key);
    const attempts = () => h.sandbox.state.webhookAttempts.slice(1).map((a) => a.status);
    await h.finishTranscripts();
    // The first delivery's send went through, then markEnqueued failed: 500, and AssemblyAI redelivers.
    expect(attempts()).toEqual([500]);
    await h.finishTranscripts(10_000);
    expect(attempts()).toEqual([500, 200]);
    const messages = h.queue.drain();
    expect(messages.filter((m) => m.jobId === id)).toHaveLength(2);
    const before = h.sandbox.counters.calls("chat");
    // Both messages delivered at once (two consumers, or one batch).
    const results = await Promise.all(messages.map((m) => h.deliver(m)));
    expect(results.every((r) => r.acked)).toBe(true);
    expect(h.sandbox.counters.calls("chat") - before).toBe(per);
    expect((await job(id)).status).toBe("completed");
  });

  it("acks a redelivery while another delivery holds the lease, and lets the next one take an expired lease over", async () => {
    const h = createHarness();
    const { key, tenantId } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    await h.finishTranscripts();
    h.queue.drain();
    // A delivery took the lease a minute ago and is still generating (or died: it cannot be told yet).
    await env.DB.prepare("UPDATE jobs SET status = 'generating', attempts = 1, lease_until = ?2 WHERE id = ?1")
      .bind(id, h.now() - 60_000 + GENERATION_LEASE_MS)
      .run();
    expect(await h.deliver({ jobId: id, tenantId }, 2)).toEqual({ acked: true, retryDelaySeconds: undefined });
    expect(h.sandbox.counters.calls("chat")).toBe(0);
    expect((await job(id)).status).toBe("generating");
    // The lease ran out (its holder died): the next delivery takes the job over and writes the note.
    h.advance(GENERATION_LEASE_MS);
    expect(await h.deliver({ jobId: id, tenantId }, 3)).toEqual({ acked: true, retryDelaySeconds: undefined });
    expect(await job(id)).toMatchObject({ status: "completed", attempts: 3, lease_until: null });
    expect(h.sandbox.counters.calls("chat")).toBeGreaterThan(0);
  });

  it("releases the lease when a delivery hands back to the queue, so that the retry can generate", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    await h.finishTranscripts();
    h.sandbox.faults.add({ route: "chat", kind: "status", status: 503, times: 1 });
    const results = await h.drainQueue();
    expect(results.map((r) => r.acked)).toEqual([false, true]);
    expect(await job(id)).toMatchObject({ status: "completed", attempts: 2, lease_until: null });
  });
});
