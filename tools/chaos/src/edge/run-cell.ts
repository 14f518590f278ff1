import { queueRetryDelaySeconds, STALE_GENERATING_MS } from "@org/soap-edge-api";
import type { FaultKind } from "@org/soap-sandbox";
import { expect } from "vitest";
import { auditOf, envelope, expectError, expectFailedJob, expectGone, expectNoLostJob, expectValidNote, getNote } from "./api.js";
import { AUDIO, type Delivery, type Harness } from "./harness.js";
import type { CalledRoute, Cell } from "./matrix.js";
import { PURGE_RETRY_MS } from "./steps.js";

/** How a cell ended once its assertions passed. */
export type CellResult = "survived" | "failedCleanly";

/**
 * Runs one cell on a fresh harness (one tenant) and asserts its expectation. Returns only when every
 * assertion passed, so that the caller counts it.
 */
export async function runCell(h: Harness, route: CalledRoute, kind: FaultKind, cell: Cell, jitter: number): Promise<CellResult> {
  const { key } = await h.seedTenant();
  const result = cell.surface === "flow" ? await runFlow(h, key, route, kind, cell, jitter) : await runOnCompleted(h, key, route, kind, cell);
  await expectNoLostJob(h, key);
  return result;
}

function addFault(h: Harness, route: CalledRoute, kind: FaultKind, cell: Cell): () => number {
  const id = h.sandbox.faults.add({ route, kind, ...cell.fault });
  return () => h.sandbox.faults.list().find((f) => f.id === id)?.fired ?? 0;
}

async function post(h: Harness, key: string, audio: string): Promise<Response> {
  return h.request("/v1/notes", { method: "POST", key, json: { audio_url: audio } });
}

/** The sandbox transcript created for a job (its webhook URL names the job). */
function transcriptOf(h: Harness, jobId: string): string | undefined {
  return [...h.sandbox.state.transcripts.values()].find((t) => t.params.webhook_url?.endsWith(`?job=${encodeURIComponent(jobId)}`))?.id;
}

/** The retry delays the queue must have used (retry-policy.ts), for `attempts` deliveries. */
function expectedDeliveries(attempts: number, jitter: number, retryAfterMs: number | undefined): Omit<Delivery, "jobId">[] {
  return Array.from({ length: attempts }, (_, i) => {
    const last = i === attempts - 1;
    return {
      attempt: i + 1,
      acked: last,
      retryDelaySeconds: last ? undefined : queueRetryDelaySeconds(i + 1, { retryAfterMs: i === 0 ? retryAfterMs : undefined, random: () => jitter }),
    };
  });
}

async function runFlow(h: Harness, key: string, route: CalledRoute, kind: FaultKind, cell: Cell, jitter: number): Promise<CellResult> {
  const exp = cell.expect;
  if (exp.end !== "completed" && exp.end !== "failed") throw new Error(`flow cell with end ${exp.end}`);
  const fired = addFault(h, route, kind, cell);
  const res = await post(h, key, AUDIO.knee);
  let id: string;
  if (exp.createAnswer) {
    const { error } = await expectError(res, exp.createAnswer);
    id = String(error.details?.["id"]);
  } else {
    expect(res.status, await res.clone().text()).toBe(202);
    id = ((await res.json()) as { id: string }).id;
  }
  let bystander: string | undefined;
  if (exp.end === "completed" && exp.bystander) {
    const other = await post(h, key, AUDIO.finger);
    expect(other.status).toBe(202);
    bystander = ((await other.json()) as { id: string }).id;
  }
  const deliveries = await h.settle();
  // The cron sweep, long after, as the platform runs it: it must finish what was left and change nothing else.
  await h.sweep(STALE_GENERATING_MS + 60_000);
  deliveries.push(...(await h.settle()));
  expect(fired(), "the fault never fired").toBeGreaterThan(0);

  const resource = await getNote(h, key, id);
  const own = deliveries.filter((d) => d.jobId === id).map(({ jobId: _, ...d }) => d);
  if (exp.end === "failed") {
    await expectFailedJob(h, key, resource, exp.failure);
    expect(h.sandbox.counters.transcriptsCreated).toBe(exp.transcriptsCreated);
    expect(own).toEqual(expectedDeliveries(exp.attempts, jitter, undefined));
    return "failedCleanly";
  }
  const warnings = await expectValidNote(h, key, resource);
  if (exp.warning) expect(warnings).toContain(exp.warning);
  const attempts = exp.attempts ?? 1;
  expect(resource.attempts).toBe(attempts);
  expect(own).toEqual(expectedDeliveries(attempts, jitter, exp.retryAfterMs));
  // Exactly one transcript per note, and the note is made from its own.
  expect(h.sandbox.counters.transcriptsCreated).toBe(bystander ? 2 : 1);
  expect(resource.transcript_id).toBe(transcriptOf(h, id));
  if (bystander) {
    const other = await getNote(h, key, bystander);
    await expectValidNote(h, key, other);
    expect(other.transcript_id).toBe(transcriptOf(h, bystander));
    expect(other.transcript_id).not.toBe(resource.transcript_id);
    // The held-back notification really came after the other note's.
    const order = h.sandbox.state.webhookAttempts.filter((a) => a.kind === "transcript" && a.status === 200).map((a) => a.transcriptId);
    expect(order).toEqual([other.transcript_id, resource.transcript_id]);
  }
  return "survived";
}

/** Makes a completed note without faults. */
async function completedNote(h: Harness, key: string): Promise<{ id: string; note: unknown }> {
  const res = await post(h, key, AUDIO.knee);
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await h.settle();
  const resource = await getNote(h, key, id);
  await expectValidNote(h, key, resource);
  return { id, note: resource.note };
}

async function runOnCompleted(h: Harness, key: string, route: CalledRoute, kind: FaultKind, cell: Cell): Promise<CellResult> {
  const exp = cell.expect;
  const { id, note } = await completedNote(h, key);
  const transcriptId = transcriptOf(h, id) ?? "";
  const fired = addFault(h, route, kind, cell);
  const path = `/v1/notes/${encodeURIComponent(id)}`;
  switch (exp.end) {
    case "deleted": {
      const res = await h.request(path, { method: "DELETE", key });
      expect(res.status, await res.clone().text()).toBe(204);
      expect(fired()).toBeGreaterThan(0);
      expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted).toBe(true);
      expect((await envelope(await h.request(path, { key }))).error.code).toBe("not_found");
      return "survived";
    }
    case "deleting-then-purged": {
      const res = await h.request(path, { method: "DELETE", key });
      expect(res.status, await res.clone().text()).toBe(202);
      expect(await res.json()).toEqual({ id, status: "deleting", transcript_id: transcriptId });
      expect(fired()).toBeGreaterThan(0);
      // Hidden at once: 404 to reads and to a second DELETE, out of the list.
      await expectGone(h, key, id);
      expect((await h.request(path, { method: "DELETE", key })).status).toBe(404);
      if (exp.faultLasts) {
        // A sweep while AssemblyAI still fails keeps the purge for later.
        await h.sweep(PURGE_RETRY_MS);
        expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted, "deleted while AssemblyAI still failed").toBeFalsy();
        expect(await auditOf(h, key, id)).not.toContain("transcript.purged:deleted");
      }
      h.sandbox.faults.clear();
      await h.sweep(2 * PURGE_RETRY_MS);
      expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted, "the sweeper did not delete the transcript").toBe(true);
      expect(await auditOf(h, key, id)).toEqual(["note.read", "note.exported:md", "note.deleted", "transcript.purged:deleted"]);
      return "survived";
    }
    case "regenerated": {
      const res = await h.request(`${path}/sections/plan/regenerate`, { method: "POST", key });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(fired()).toBeGreaterThan(0);
      const after = await getNote(h, key, id);
      await expectValidNote(h, key, after);
      expect(after.provenance?.history).toHaveLength(1);
      return "survived";
    }
    case "unchanged": {
      await expectError(await h.request(`${path}/sections/plan/regenerate`, { method: "POST", key }), exp.answer);
      expect(fired()).toBeGreaterThan(0);
      const after = await getNote(h, key, id);
      expect(after.status).toBe("completed");
      expect(after.note, "a failed regenerate must leave the stored note as it was").toEqual(note);
      return "failedCleanly";
    }
    default:
      throw new Error(`cell end ${exp.end} needs the flow surface`);
  }
}
