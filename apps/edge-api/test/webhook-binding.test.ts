import { env } from "cloudflare:workers";
import { createClients } from "@org/soap-core";
import { describe, expect, it } from "vitest";
import { WEBHOOK_SECRET_HEADER } from "../src/index.js";
import { jobSignature } from "../src/webhooks/job-webhook-url.js";
import { createHarness, KNEE_AUDIO_URL, WEBHOOK_SECRET, type Harness } from "./support/harness.js";
import { envelope, startNote } from "./support/flow.js";
import { postJobWebhook } from "./support/webhooks.js";

interface NoteBody {
  status: string;
  transcript_id: string | null;
  failure: { code: string; reason: string } | null;
  attempts: number;
}

async function note(h: Harness, key: string, id: string): Promise<NoteBody> {
  return (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteBody;
}

const OLD_SECRET = "whsec-old-secret-0123456789";

describe("job-bound webhook authentication", () => {
  it("refuses a delivery whose signature is another job's, even with the right secret header", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const a = await startNote(h, key);
    const b = await startNote(h, key);
    const { transcript_id } = await note(h, key, b);
    // A's signed URL (seen in one of A's deliveries), pointed at job B.
    const res = await h.request(`/v1/webhooks/assemblyai/${await jobSignature(WEBHOOK_SECRET, a)}?job=${b}`, {
      method: "POST",
      headers: { [WEBHOOK_SECRET_HEADER]: WEBHOOK_SECRET },
      json: { transcript_id, status: "completed" },
    });
    expect(res.status).toBe(401);
    expect((await envelope(res)).error.message).toContain("webhook secret");
    // The unsigned URL of old jobs is refused the same way.
    const unsigned = await h.request(`/v1/webhooks/assemblyai?job=${b}`, {
      method: "POST",
      headers: { [WEBHOOK_SECRET_HEADER]: WEBHOOK_SECRET },
      json: { transcript_id, status: "completed" },
    });
    expect(unsigned.status).toBe(401);
    expect((await note(h, key, b)).status).toBe("transcribing");
    expect(h.queue.sent).toEqual([]);
  });

  it("accepts the previous secret during a rotation (header and signature from the same secret), and not after it", async () => {
    const rotating = createHarness({ vars: { WEBHOOK_SECRET, WEBHOOK_SECRET_PREVIOUS: OLD_SECRET } });
    const { key } = await rotating.seedTenant("Clinic");
    const id = await startNote(rotating, key);
    const { transcript_id } = await note(rotating, key, id);
    const body = { transcript_id, status: "completed" };
    // Mixed pairs and unknown secrets are refused.
    expect((await postJobWebhook(rotating, id, body, { secret: OLD_SECRET, signWith: WEBHOOK_SECRET })).status).toBe(401);
    expect((await postJobWebhook(rotating, id, body, { secret: WEBHOOK_SECRET, signWith: OLD_SECRET })).status).toBe(401);
    expect((await postJobWebhook(rotating, id, body, { secret: "whsec-someone-else-0123456", signWith: "whsec-someone-else-0123456" })).status).toBe(401);
    // A transcript created before the rotation carries the old header and the old signature.
    const old = await postJobWebhook(rotating, id, body, { secret: OLD_SECRET, signWith: OLD_SECRET });
    expect(old.status).toBe(200);
    expect(await old.json()).toMatchObject({ action: "enqueued", job_id: id });
    // The current secret works as always.
    expect((await postJobWebhook(rotating, id, body)).status).toBe(200);

    // Rotation over (WEBHOOK_SECRET_PREVIOUS removed): the old secret is refused.
    const after = createHarness();
    const other = await after.seedTenant("Clinic");
    const later = await startNote(after, other.key);
    const res = await postJobWebhook(after, later, { transcript_id: (await note(after, other.key, later)).transcript_id, status: "completed" }, { secret: OLD_SECRET, signWith: OLD_SECRET });
    expect(res.status).toBe(401);
    expect(JSON.stringify(rotating.logs) + JSON.stringify(after.logs)).not.toContain(OLD_SECRET);
  });

  it("refuses a WEBHOOK_SECRET_PREVIOUS shorter than 16 characters, naming it", async () => {
    const h = createHarness({ vars: { WEBHOOK_SECRET_PREVIOUS: "short" } });
    const res = await h.request("/v1/health");
    expect(res.status).toBe(500);
    expect(JSON.stringify(h.logs)).toContain("WEBHOOK_SECRET_PREVIOUS");
    expect(JSON.stringify(h.logs)).not.toContain('"short"');
  });
});

describe("a transcript is linked only to its own job", () => {
  it("never writes a note from a foreign transcript replayed into a job waiting for its own, and the job's own webhook still resumes it", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    // Job B's create looked uncertain: failed, no transcript id, its webhook may still come.
    h.sandbox.faults.add({ route: "create", kind: "status", status: 500, after: true, times: 1 });
    h.sandbox.faults.add({ route: "list", kind: "status", status: 500, times: 10 });
    const created = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    expect(created.status).toBe(502);
    const b = String((await envelope(created)).error.details?.["id"]);
    h.sandbox.faults.clear();
    // Someone else's transcript in the same AssemblyAI account (another job's, the CLI's…).
    const { transcripts } = createClients({ apiKey: h.env.ASSEMBLYAI_API_KEY, baseUrl: "https://sandbox.test", fetch: h.sandbox.fetch, maxRetries: 0 });
    const foreign = await transcripts.create({ audio_url: KNEE_AUDIO_URL, speech_models: ["universal-3-pro", "universal-2"], speaker_labels: true });
    h.advance(5_000);
    h.sandbox.advance();
    // Whoever saw one of B's deliveries replays B's signed URL with the foreign transcript's id.
    const replay = await postJobWebhook(h, b, { transcript_id: foreign.id, status: "completed" });
    expect(await replay.json()).toMatchObject({ action: "enqueued", job_id: b });
    const chats = h.sandbox.counters.calls("chat");
    expect(await h.drainQueue()).toEqual([{ acked: true, retryDelaySeconds: undefined }]);
    expect(h.sandbox.counters.calls("chat")).toBe(chats);
    const unlinked = await note(h, key, b);
    expect(unlinked.status).toBe("failed");
    expect(unlinked.transcript_id).toBeNull();
    expect(unlinked.failure?.code).toBe("transcript_create_uncertain");
    expect(unlinked.failure?.reason).toContain("belongs to another job");
    // B's own transcript completes: its webhook resumes B, which gets its note from its own transcript.
    await h.finishTranscripts();
    await h.drainQueue();
    const done = await note(h, key, b);
    expect(done.status).toBe("completed");
    expect(done.transcript_id).not.toBe(foreign.id);
    expect(h.sandbox.state.transcripts.get(done.transcript_id ?? "")?.params.webhook_url).toContain(`?job=${b}`);
  });
});

describe("a transcript another job holds", () => {
  it("is not linked to a job waiting for its own when a delivery is replayed with it: answered 200, nothing changes (not a 500)", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const other = await h.seedTenant("Other clinic");
    h.sandbox.faults.add({ route: "create", kind: "status", status: 500, after: true, times: 1 });
    h.sandbox.faults.add({ route: "list", kind: "status", status: 500, times: 10 });
    const created = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    expect(created.status).toBe(502);
    const waiting = String((await envelope(created)).error.details?.["id"]);
    h.sandbox.faults.clear();
    // Another tenant's job and its transcript (another patient's words).
    const theirs = await startNote(h, other.key);
    const { transcript_id: theirTranscript } = await note(h, other.key, theirs);
    const replay = await postJobWebhook(h, waiting, { transcript_id: theirTranscript, status: "completed" });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ job_id: waiting, action: "duplicate" });
    expect(h.logs.some((l) => l.event === "unhandled")).toBe(false);
    expect(await note(h, key, waiting)).toMatchObject({ status: "failed", transcript_id: null });
    expect(h.queue.sent).toEqual([]);
    // Both transcripts complete: each job gets its own.
    await h.finishTranscripts();
    await h.drainQueue();
    const mine = await note(h, key, waiting);
    expect(mine.status).toBe("completed");
    expect(mine.transcript_id).not.toBe(theirTranscript);
    expect(await note(h, other.key, theirs)).toMatchObject({ status: "completed", transcript_id: theirTranscript });
  });
});

describe("an early webhook", () => {
  it("sends the job back to waiting without spending a retry, and the real webhook completes it", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    const { transcript_id } = await note(h, key, id);
    // "completed" while AssemblyAI is still transcribing (an early or forged delivery).
    const early = await postJobWebhook(h, id, { transcript_id, status: "completed" });
    expect(await early.json()).toMatchObject({ action: "enqueued" });
    expect(await h.drainQueue()).toEqual([{ acked: true, retryDelaySeconds: undefined }]);
    expect(h.sandbox.counters.calls("chat")).toBe(0);
    const waiting = await note(h, key, id);
    expect(waiting.status).toBe("transcribing");
    expect(waiting.failure).toBeNull();
    // The real webhook is not taken for a duplicate: it queues the job again, and the note is written.
    await h.finishTranscripts();
    expect(h.sandbox.state.webhookAttempts.map((a) => a.status)).toEqual([200]);
    expect(await h.drainQueue()).toEqual([{ acked: true, retryDelaySeconds: undefined }]);
    const done = await note(h, key, id);
    expect(done.status).toBe("completed");
    expect(done.attempts).toBe(1);
    const row = await env.DB.prepare("SELECT lease_until FROM jobs WHERE id = ?1").bind(id).first<{ lease_until: number | null }>();
    expect(row?.lease_until).toBeNull();
  });
});
