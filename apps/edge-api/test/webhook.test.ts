import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WEBHOOK_SECRET_HEADER } from "../src/index.js";
import { createHarness, KNEE_AUDIO_URL, WEBHOOK_SECRET, type Harness } from "./support/harness.js";
import { envelope, startNote } from "./support/flow.js";
import { postJobWebhook, signedWebhookPath } from "./support/webhooks.js";

interface NoteBody {
  status: string;
  transcript_id: string | null;
  failure: { code: string; reason: string } | null;
  attempts: number;
}

async function note(h: Harness, key: string, id: string): Promise<NoteBody> {
  return (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteBody;
}

/** A notification to the signed URL of job `jobId` (an unknown one when none is given), with `secret` in the header. */
function postWebhook(h: Harness, body: unknown, secret: string | null = WEBHOOK_SECRET, jobId = "job-nobody-made"): Promise<Response> {
  return postJobWebhook(h, jobId, body, { secret, signWith: WEBHOOK_SECRET });
}

describe("webhook authentication", () => {
  it("answers 401 to a missing or wrong secret and leaves the job alone", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    const { transcript_id } = await note(h, key, id);
    for (const secret of [null, "", "wrong", WEBHOOK_SECRET.slice(0, -1) + "x", WEBHOOK_SECRET + "x"]) {
      const res = await postWebhook(h, { transcript_id, status: "completed" }, secret, id);
      expect(res.status, String(secret)).toBe(401);
      expect((await envelope(res)).error.code).toBe("unauthorized");
    }
    expect((await note(h, key, id)).status).toBe("transcribing");
    expect(h.queue.sent).toEqual([]);
  });

  it("checks the secret before looking at the body", async () => {
    const h = createHarness();
    const res = await postWebhook(h, { nonsense: true }, "wrong");
    expect(res.status).toBe(401);
  });

  it("sends AssemblyAI the webhook URL with the job id and the secret header", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    const [stored] = [...h.sandbox.state.transcripts.values()];
    expect(stored?.params.webhook_url).toBe(`https://api.soap.test${await signedWebhookPath(id)}`);
    expect(stored?.params.webhook_auth_header_name).toBe(WEBHOOK_SECRET_HEADER);
    expect(stored?.params.webhook_auth_header_value).toBe(WEBHOOK_SECRET);
  });
});

describe("webhook idempotency", () => {
  it("queues one generation for duplicate deliveries and generates the note once", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    h.sandbox.faults.add({ route: "webhook", kind: "duplicate_webhook", times: 1 });
    const id = await startNote(h, key);
    await h.finishTranscripts();
    expect(h.sandbox.state.webhookAttempts.filter((a) => a.status === 200)).toHaveLength(2);
    expect(h.queue.sent).toHaveLength(1);
    await h.drainQueue();
    expect((await note(h, key, id)).status).toBe("completed");
    const chats = h.sandbox.counters.calls("chat");
    // A late redelivery changes nothing and queues nothing.
    const { transcript_id } = await note(h, key, id);
    const late = await postWebhook(h, { transcript_id, status: "completed" }, WEBHOOK_SECRET, id);
    expect(await late.json()).toMatchObject({ action: "duplicate", job_id: id });
    expect(h.queue.sent).toEqual([]);
    // Even a duplicate message on the queue is skipped without calling the gateway.
    expect((await h.deliver({ jobId: id, tenantId: (await tenantOf(id)) ?? "" })).acked).toBe(true);
    expect(h.sandbox.counters.calls("chat")).toBe(chats);
  });

  it("acknowledges notifications it does not act on (a transcript AssemblyAI does not have, redacted audio)", async () => {
    const h = createHarness();
    const unknown = await postWebhook(h, { transcript_id: "no-such-transcript", status: "completed" });
    expect(unknown.status).toBe(200);
    // An unknown job's transcript is deleted once it proves to be the job's; this one does not exist: nothing to delete.
    expect(await unknown.json()).toMatchObject({ action: "purged", job_id: null });
    expect(h.sandbox.counters.calls("delete")).toBe(0);
    const audio = await postWebhook(h, { status: "redacted_audio_ready", redacted_audio_url: "https://x.test/a.mp3" });
    expect(audio.status).toBe(200);
    expect(h.queue.sent).toEqual([]);
  });

  it("answers 500 when the queue is down, and queues on AssemblyAI's redelivery", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    h.queue.failNextSends = 1;
    await h.finishTranscripts();
    expect(h.sandbox.state.webhookAttempts.map((a) => a.status)).toEqual([500]);
    expect((await note(h, key, id)).status).toBe("queued");
    await h.finishTranscripts(10_000);
    expect(h.sandbox.state.webhookAttempts.map((a) => a.status)).toEqual([500, 200]);
    expect(h.queue.sent).toEqual([{ jobId: id, tenantId: await tenantOf(id) }]);
  });

  it("never answers 5xx to arbitrary authenticated JSON bodies", async () => {
    const h = createHarness();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const res = await postWebhook(h, value);
        expect([200, 400]).toContain(res.status);
      }),
      { numRuns: 40 },
    );
    expect(h.queue.sent).toEqual([]);
  });

  it("answers 400 to a transcript notification without a status", async () => {
    const h = createHarness();
    const res = await postWebhook(h, { transcript_id: "abc" });
    expect(res.status).toBe(400);
    expect((await envelope(res)).error.message).toContain("status");
  });
});

describe("webhook outcomes", () => {
  it("marks the job failed with AssemblyAI's reason when the transcript ended in error", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    h.sandbox.faults.add({ route: "create", kind: "transcript_error", message: "Download error: 404 from media host", times: 1 });
    const id = await startNote(h, key);
    await h.finishTranscripts();
    expect(h.queue.sent).toHaveLength(1);
    await h.drainQueue();
    const body = await note(h, key, id);
    expect(body.status).toBe("failed");
    expect(body.failure?.code).toBe("transcription_failed");
    expect(body.failure?.reason).toContain("Download error: 404 from media host");
    expect(h.sandbox.counters.calls("chat")).toBe(0);
  });

  it("retries a gateway failure with backoff and then completes", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    await h.finishTranscripts();
    h.sandbox.faults.add({ route: "chat", kind: "status", status: 500, times: 1 });
    const results = await h.drainQueue();
    expect(results).toEqual([
      { acked: false, retryDelaySeconds: 10 },
      { acked: true, retryDelaySeconds: undefined },
    ]);
    const body = await note(h, key, id);
    expect(body.status).toBe("completed");
    expect(body.attempts).toBe(2);
  });

  it("marks the job failed with its reason after the last attempt", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    await h.finishTranscripts();
    h.sandbox.faults.add({ route: "chat", kind: "status", status: 503 });
    const results = await h.drainQueue(5);
    expect(results.map((r) => r.retryDelaySeconds)).toEqual([10, 20, 40, 80, undefined]);
    expect(results.at(-1)?.acked).toBe(true);
    const body = await note(h, key, id);
    expect(body.status).toBe("failed");
    expect(body.failure?.code).toBe("retries_exhausted");
    expect(body.failure?.reason).toMatch(/after 5 attempts/);
    expect(body.attempts).toBe(5);
  });

  it("marks the job failed when its message reaches the dead-letter queue", async () => {
    const h = createHarness();
    const { key, tenantId } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    await h.finishTranscripts();
    h.queue.drain();
    expect((await h.deliver({ jobId: id, tenantId }, 1, "soap-note-jobs-dlq")).acked).toBe(true);
    const body = await note(h, key, id);
    expect(body.status).toBe("failed");
    expect(body.failure?.code).toBe("retries_exhausted");
  });

  it("finds a transcript whose create answer was lost (core's lookup, as in the CLI) instead of failing or paying twice", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    h.sandbox.faults.add({ route: "create", kind: "status", status: 500, after: true, times: 1 });
    const res = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    expect(res.status).toBe(202);
    const created = (await res.json()) as { id: string; transcript_id: string | null };
    expect(created.transcript_id).not.toBeNull();
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    await h.finishTranscripts();
    await h.drainQueue();
    const done = await note(h, key, created.id);
    expect(done.status).toBe("completed");
    expect(done.transcript_id).toBe(created.transcript_id);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
  });

  it("never creates a second transcript when the create may have succeeded and the lookup fails too, and resumes on its webhook", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    h.sandbox.faults.add({ route: "create", kind: "status", status: 500, after: true, times: 1 });
    h.sandbox.faults.add({ route: "list", kind: "status", status: 500, times: 10 });
    const res = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    expect(res.status).toBe(502);
    const { error } = await envelope(res);
    expect(error.code).toBe("transcript_create_uncertain");
    const id = String(error.details?.["id"]);
    // The caller is told to poll its note; how to find the transcript is for the operator (the job's failure reason).
    expect(error.message).toContain(`poll GET /v1/notes/${id}`);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    const failed = await note(h, key, id);
    expect(failed.status).toBe("failed");
    expect(failed.failure?.code).toBe("transcript_create_uncertain");
    // AssemblyAI did create it: its webhook names the job, which resumes.
    h.sandbox.faults.clear();
    await h.finishTranscripts();
    await h.drainQueue();
    const resumed = await note(h, key, id);
    expect(resumed.status).toBe("completed");
    expect(resumed.transcript_id).not.toBeNull();
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
  });

  it("marks the job failed when AssemblyAI rejects the create", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    h.sandbox.faults.add({ route: "create", kind: "status", status: 429, times: 5 });
    const res = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    expect(res.status).toBe(502);
    const { error } = await envelope(res);
    expect(error.code).toBe("transcript_create_failed");
    const body = await note(h, key, String(error.details?.["id"]));
    expect(body.status).toBe("failed");
    expect(body.failure?.code).toBe("transcript_create_failed");
  });
});

async function tenantOf(jobId: string): Promise<string | undefined> {
  const row = await env.DB.prepare("SELECT tenant_id FROM jobs WHERE id = ?1").bind(jobId).first<{ tenant_id: string }>();
  return row?.tenant_id;
}
