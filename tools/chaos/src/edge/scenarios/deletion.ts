import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { auditOf, expectGone, expectNoLostJob } from "../api.js";
import type { Harness } from "../harness.js";
import { addFault, chatCalls, logged, PURGE_RETRY_MS, startNote } from "../steps.js";
import { transcriptOfJob } from "../webhooks.js";
import { STATUSES_5XX, type FaultOn } from "./faults.js";
import { scenario, type Scenario, type Variant } from "./scenario.js";

/** Whether the transcript of job `jobId` is deleted at AssemblyAI (the sandbox's view). */
export function transcriptDeleted(h: Harness, jobId: string): boolean {
  const id = transcriptOfJob(h, jobId)?.id;
  return id !== undefined && h.sandbox.state.transcripts.get(id)?.deleted === true;
}

/** Rows of the `notes` table for a job (the note and its transcript copy): none once it is deleted. */
async function storedNotes(jobId: string): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM notes WHERE job_id = ?1").bind(jobId).first<{ n: number }>())?.n ?? 0;
}

/** Deletes a note; checks the answer is 204, or 202 `deleting` with its transcript id. */
async function deleteNote(h: Harness, key: string, id: string, want: 202 | 204): Promise<void> {
  await expectDeleteAnswer(h, id, await h.request(`/v1/notes/${encodeURIComponent(id)}`, { method: "DELETE", key }), want);
}

async function expectDeleteAnswer(h: Harness, id: string, res: Response, want: 202 | 204): Promise<void> {
  expect(res.status, await res.clone().text()).toBe(want);
  if (want === 202) expect(await res.json()).toEqual({ id, status: "deleting", transcript_id: transcriptOfJob(h, id)?.id });
}

/** A delete-route fault and the answer it leads to (a lasting fault is cleared before the last sweep). */
interface DeleteFault {
  fault: FaultOn | undefined;
  answer: 202 | 204;
}
const DELETE_FAULTS: readonly Variant<DeleteFault>[] = [
  { label: "no fault on AssemblyAI's delete", value: { fault: undefined, answer: 204 } },
  { label: "AssemblyAI's delete answers 429 once (core retries it)", value: { fault: { kind: "status", status: 429, retryAfterSeconds: 1, times: 1 }, answer: 204 } },
  ...STATUSES_5XX.map((s) => ({ label: `AssemblyAI's delete answers ${s} until it recovers (the sweeper deletes it)`, value: { fault: { kind: "status", status: s } as FaultOn, answer: 202 as const } })),
  { label: "AssemblyAI's delete resets the connection until it recovers (the sweeper deletes it)", value: { fault: { kind: "reset" }, answer: 202 } },
];

/** The transcript is deleted at AssemblyAI, now or (AssemblyAI failing meanwhile) by a sweep once it recovers; audited. */
async function expectPurged(h: Harness, key: string, id: string): Promise<void> {
  if (!transcriptDeleted(h, id)) {
    h.sandbox.faults.clear();
    await h.sweep(PURGE_RETRY_MS);
  }
  expect(transcriptDeleted(h, id), "the transcript is still at AssemblyAI").toBe(true);
  expect(await auditOf(h, key, id)).toEqual(expect.arrayContaining(["note.deleted", "transcript.purged:deleted"]));
  expect(await storedNotes(id)).toBe(0);
  await expectGone(h, key, id);
}

/**
 * A wrong-patient recording deleted while AssemblyAI is still transcribing it: 202 deleting (AssemblyAI
 * refuses to delete it yet), the note gone at once and never generated; the transcript's webhook (or
 * the sweeper) deletes it as soon as it completes.
 */
const deleteWhileTranscribing = scenario<{ fault: FaultOn | undefined; byWebhook: boolean }>({
  name: "delete while transcribing",
  variants: [
    { label: "its webhook gets through at once", value: { fault: undefined, byWebhook: true } },
    ...STATUSES_5XX.map((s) => ({ label: `its webhook's first try answered ${s} (AssemblyAI's retry deletes it)`, value: { fault: { kind: "status", status: s, times: 1 } as FaultOn, byWebhook: true } })),
    { label: "its webhook's first try reset after the Worker ran (the retry finds it deleted)", value: { fault: { kind: "reset", after: true, times: 1 }, byWebhook: true } },
    { label: "every webhook try fails (the sweeper deletes it)", value: { fault: { kind: "status", status: 503 }, byWebhook: false } },
  ],
  async run(make, transcribingWebhook) {
    const h = make();
    const { key } = await h.seedTenant();
    const id = await startNote(h, key);
    const fired = transcribingWebhook.fault ? addFault(h, { route: "webhook", ...transcribingWebhook.fault }) : () => 1;
    await deleteNote(h, key, id, 202);
    expect(h.sandbox.counters.route("delete").statuses, "AssemblyAI refused: still transcribing").toEqual({ "400": 1 });
    await expectGone(h, key, id);
    const deliveries = await h.settle();
    expect(fired()).toBeGreaterThan(0);
    expect(deliveries.filter((d) => d.jobId === id), "a deleted note was queued").toEqual([]);
    expect(transcriptDeleted(h, id), "deleted by its webhook").toBe(transcribingWebhook.byWebhook);
    await expectPurged(h, key, id);
    expect(chatCalls(h)).toBe(0);
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/** Deleted after its webhook queued it: the queued message finds a tombstone and is acked without an LLM call. */
const deleteWhileQueued = scenario<DeleteFault>({
  name: "delete while queued",
  variants: DELETE_FAULTS,
  async run(make, queuedDelete) {
    const h = make();
    const { key } = await h.seedTenant();
    const id = await startNote(h, key);
    await h.finishTranscripts();
    expect(h.queue.sent.map((m) => m.jobId)).toEqual([id]);
    const fired = queuedDelete.fault ? addFault(h, { route: "delete", ...queuedDelete.fault }) : () => 1;
    await deleteNote(h, key, id, queuedDelete.answer);
    expect(fired()).toBeGreaterThan(0);
    expect((await h.drainQueue()).map((d) => d.acked)).toEqual([true]);
    expect(chatCalls(h)).toBe(0);
    expect(logged(h, "job.skipped", id).map((r) => r["reason"])).toEqual(["not_runnable"]);
    await expectPurged(h, key, id);
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/** Deleted while the gateway writes the note: the note written is discarded, never stored, and the transcript deleted. */
const deleteWhileGenerating = scenario<{ on: "delete" | "chat"; fault: FaultOn | undefined; answer: 202 | 204 }>({
  name: "delete while generating",
  variants: [
    { label: "no other fault", value: { on: "delete", fault: undefined, answer: 204 } },
    ...STATUSES_5XX.map((s) => ({ label: `AssemblyAI's delete answers ${s} until it recovers`, value: { on: "delete" as const, fault: { kind: "status", status: s } as FaultOn, answer: 202 as const } })),
    ...STATUSES_5XX.map((s) => ({ label: `the chat under way answers ${s} (the queue's retry finds the note deleted)`, value: { on: "chat" as const, fault: { kind: "status", status: s, times: 1 } as FaultOn, answer: 204 as const } })),
  ],
  async run(make, generatingFault) {
    let key = "";
    let id = "";
    let answer: Response | undefined;
    const h: Harness = make({
      outbound: async (request, next) => {
        // The clinician deletes the note while the gateway is writing it (checked below: a throw here would be a network error).
        if (request.url.includes("/chat/completions") && id && !answer) answer = await h.request(`/v1/notes/${encodeURIComponent(id)}`, { method: "DELETE", key });
        return next(request);
      },
    });
    ({ key } = await h.seedTenant());
    id = await startNote(h, key);
    const fired = generatingFault.fault ? addFault(h, { route: generatingFault.on, ...generatingFault.fault }) : () => 1;
    await h.finishTranscripts();
    const deliveries = (await h.drainQueue()).filter((d) => d.jobId === id);
    expect(answer, "the delete never ran during a chat").toBeDefined();
    if (answer) await expectDeleteAnswer(h, id, answer, generatingFault.answer);
    expect(fired()).toBeGreaterThan(0);
    expect(deliveries.at(-1)?.acked).toBe(true);
    expect(logged(h, "job.discarded", id).length + logged(h, "job.skipped", id).length).toBe(1);
    await expectPurged(h, key, id);
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/**
 * A recording longer than MAX_AUDIO_MINUTES (the knee visit is 4.5 minutes; the cap here is 4): the job
 * fails with `audio_too_long` before any LLM call, and its transcript (PHI) is deleted at once, or by
 * the sweeper when AssemblyAI fails to delete it.
 */
const audioTooLong = scenario<DeleteFault>({
  name: "a recording over MAX_AUDIO_MINUTES",
  variants: DELETE_FAULTS.filter((v) => v.value.answer === 202 || v.value.fault === undefined),
  async run(make, tooLongPurge) {
    const h = make({ vars: { MAX_AUDIO_MINUTES: "4" } });
    const { key } = await h.seedTenant();
    const id = await startNote(h, key);
    const fired = tooLongPurge.fault ? addFault(h, { route: "delete", ...tooLongPurge.fault }) : () => 1;
    await h.settle();
    expect(fired()).toBeGreaterThan(0);
    const res = await h.request(`/v1/notes/${id}`, { key });
    const resource = (await res.json()) as { status: string; failure: { code: string; reason: string } | null; note: unknown };
    expect(resource).toMatchObject({ status: "failed", note: null, failure: { code: "audio_too_long" } });
    expect(resource.failure?.reason).toMatch(/4\.5 min long.*up to 4 min/);
    expect(chatCalls(h)).toBe(0);
    expect(transcriptDeleted(h, id)).toBe(tooLongPurge.fault === undefined);
    if (!transcriptDeleted(h, id)) {
      h.sandbox.faults.clear();
      await h.sweep(PURGE_RETRY_MS);
    }
    expect(transcriptDeleted(h, id), "the transcript of a refused recording is still at AssemblyAI").toBe(true);
    await expectNoLostJob(h, key);
    return "failedCleanly";
  },
});

/** Deleting notes (and what a deletion leaves at AssemblyAI) at every stage (#15 item 2). */
export const DELETION_SCENARIOS: readonly Scenario[] = [deleteWhileTranscribing, deleteWhileQueued, deleteWhileGenerating, audioTooLong];
