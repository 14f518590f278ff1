import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { STALE_QUEUED_MS } from "../src/index.js";
import { createHarness, KNEE_AUDIO_URL, type Harness } from "./support/harness.js";
import { completedNote, envelope, startNote } from "./support/flow.js";
import { postJobWebhook } from "./support/webhooks.js";

interface JobState {
  status: string;
  transcript_id: string | null;
  transcript_purged_at: number | null;
}

async function jobState(id: string): Promise<JobState> {
  const row = await env.DB.prepare("SELECT status, transcript_id, transcript_purged_at FROM jobs WHERE id = ?1").bind(id).first<JobState>();
  if (!row) throw new Error(`no job ${id}`);
  return row;
}

async function pendingPurges(transcriptId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM transcript_purges WHERE transcript_id = ?1").bind(transcriptId).first<{ n: number }>();
  return row?.n ?? 0;
}

async function noteRows(id: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM notes WHERE job_id = ?1").bind(id).first<{ n: number }>();
  return row?.n ?? 0;
}

function transcriptIdOf(h: Harness, jobId: string): string {
  const found = [...h.sandbox.state.transcripts.values()].find((t) => t.params.webhook_url?.endsWith(`?job=${jobId}`));
  if (!found) throw new Error(`no transcript for ${jobId}`);
  return found.id;
}

describe("deleting a note", () => {
  it("while it is transcribing: hidden at once (202 deleting, not 502), never generated, transcript deleted when it completes", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    const transcriptId = transcriptIdOf(h, id);
    const res = await h.request(`/v1/notes/${id}`, { method: "DELETE", key });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ id, status: "deleting", transcript_id: transcriptId });
    // AssemblyAI refused (still transcribing); the note is gone here anyway.
    expect(h.sandbox.counters.route("delete").statuses).toEqual({ "400": 1 });
    expect((await h.request(`/v1/notes/${id}`, { key })).status).toBe(404);
    expect(((await (await h.request("/v1/notes", { key })).json()) as { data: { id: string }[] }).data.map((n) => n.id)).not.toContain(id);
    expect(await pendingPurges(transcriptId)).toBe(1);
    // The transcript completes: its webhook deletes it at AssemblyAI instead of queueing a note.
    await h.finishTranscripts();
    expect(h.queue.sent).toEqual([]);
    expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted).toBe(true);
    expect(h.sandbox.counters.calls("chat")).toBe(0);
    expect(await pendingPurges(transcriptId)).toBe(0);
    expect((await jobState(id)).status).toBe("deleted");
    expect((await jobState(id)).transcript_purged_at).not.toBeNull();
  });

  it("while it is queued: its message is skipped and its transcript deleted at once (204)", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    await h.finishTranscripts();
    const transcriptId = transcriptIdOf(h, id);
    expect(h.queue.sent).toHaveLength(1);
    expect((await h.request(`/v1/notes/${id}`, { method: "DELETE", key })).status).toBe(204);
    expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted).toBe(true);
    expect(await h.drainQueue()).toEqual([{ acked: true, retryDelaySeconds: undefined }]);
    expect(h.sandbox.counters.calls("chat")).toBe(0);
    expect(await jobState(id)).toMatchObject({ status: "deleted", transcript_id: transcriptId });
    expect((await jobState(id)).transcript_purged_at).not.toBeNull();
    expect(await noteRows(id)).toBe(0);
  });

  it("while it is generating: the note being written is discarded and the transcript deleted", async () => {
    let deleteAnswer: Response | undefined;
    let key = "";
    let id = "";
    const h: Harness = createHarness({
      outbound: async (request, next) => {
        // The clinician deletes the note while the gateway is writing it.
        if (request.url.includes("/chat/completions") && deleteAnswer === undefined) {
          deleteAnswer = await h.request(`/v1/notes/${id}`, { method: "DELETE", key });
        }
        return next(request);
      },
    });
    ({ key } = await h.seedTenant("Clinic"));
    id = await startNote(h, key);
    await h.finishTranscripts();
    const transcriptId = transcriptIdOf(h, id);
    expect(await h.drainQueue()).toEqual([{ acked: true, retryDelaySeconds: undefined }]);
    expect(deleteAnswer?.status).toBe(204);
    expect((await h.request(`/v1/notes/${id}`, { key })).status).toBe(404);
    expect(await noteRows(id)).toBe(0);
    expect((await jobState(id)).status).toBe("deleted");
    expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted).toBe(true);
    expect(h.logs.some((l) => l.event === "job.discarded" && l["job_id"] === id)).toBe(true);
  });

  it("answers 202 deleting (not 502) when AssemblyAI fails, and the sweeper deletes the transcript later", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const transcriptId = transcriptIdOf(h, id);
    h.sandbox.faults.add({ route: "delete", kind: "status", status: 503, times: 1 });
    const res = await h.request(`/v1/notes/${id}`, { method: "DELETE", key });
    expect(res.status).toBe(202);
    expect((await h.request(`/v1/notes/${id}`, { key })).status).toBe(404);
    expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted).toBeFalsy();
    h.advance(STALE_QUEUED_MS);
    await h.worker.scheduled(undefined, h.env);
    expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted).toBe(true);
    expect(await pendingPurges(transcriptId)).toBe(0);
  });
});

describe("webhooks of deleted or unknown jobs", () => {
  it("delete the transcript of a job deleted before its (uncertain) create was known, once it proves to be the job's", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    h.sandbox.faults.add({ route: "create", kind: "status", status: 500, after: true, times: 1 });
    h.sandbox.faults.add({ route: "list", kind: "status", status: 500, times: 10 });
    const created = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    expect(created.status).toBe(502);
    const id = String((await envelope(created)).error.details?.["id"]);
    h.sandbox.faults.clear();
    // Deleted while nobody knows its transcript: nothing to delete yet.
    expect((await h.request(`/v1/notes/${id}`, { method: "DELETE", key })).status).toBe(204);
    const transcriptId = transcriptIdOf(h, id);
    // Another job's transcript replayed to this job's URL is left alone: it is not this job's.
    const other = await startNote(h, key);
    h.advance(5_000);
    h.sandbox.advance();
    const foreign = await postJobWebhook(h, id, { transcript_id: transcriptIdOf(h, other), status: "completed" });
    expect(await foreign.json()).toMatchObject({ action: "ignored", job_id: id });
    expect(h.sandbox.state.transcripts.get(transcriptIdOf(h, other))?.deleted).toBeFalsy();
    // The late webhook of the job's own transcript deletes it.
    await h.finishTranscripts();
    expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted).toBe(true);
    expect(h.queue.sent.filter((m) => m.jobId === id)).toEqual([]);
    expect(await pendingPurges(transcriptId)).toBe(0);
    expect((await h.request(`/v1/notes/${id}`, { key })).status).toBe(404);
  });
});
