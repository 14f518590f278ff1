import { createClients } from "@org/soap-core";
import { jobSignature, STALE_TRANSCRIBING_MS } from "@org/soap-edge-api";
import { expect } from "vitest";
import { expectError, expectNoLostJob, expectValidNote, getNote } from "../api.js";
import { AUDIO, SANDBOX_ORIGIN, SECRETS, type Harness } from "../harness.js";
import { addFault, chatCalls, startNote } from "../steps.js";
import { deliveryOf, postWebhook, transcriptOfJob } from "../webhooks.js";
import { UNCERTAIN_ANSWER, UNCERTAIN_CREATES, STATUSES_5XX, type FaultOn } from "./faults.js";
import { chooseInt, scenario, type Scenario } from "./scenario.js";

/** A transcript made in the same AssemblyAI account outside this API (the CLI's, another deployment's): no job holds it. */
async function orphanTranscript(h: Harness): Promise<string> {
  const { transcripts } = createClients({ apiKey: SECRETS.apiKey, baseUrl: SANDBOX_ORIGIN, fetch: h.sandbox.fetch, maxRetries: 0 });
  const t = await transcripts.create({ audio_url: AUDIO.finger, speech_models: ["universal-3-pro", "universal-2"], speaker_labels: true });
  return t.id;
}

/**
 * A job whose create looked uncertain waits for its own transcript's webhook. Someone who saw one of
 * its deliveries replays its signed URL with a foreign transcript id: another tenant's (refused, as
 * another job holds it: nothing changes), then one no job holds (linked, but the consumer finds it is
 * not the job's, unlinks it and generates nothing). The job's own webhook then resumes it.
 */
const foreignTranscript = scenario<FaultOn>({
  name: "a foreign transcript replayed into a job waiting for its own",
  variants: UNCERTAIN_CREATES,
  async run(make, lostCreate) {
    const h = make();
    const { key } = await h.seedTenant();
    const other = await h.seedTenant("Other clinic");
    const fired = addFault(h, { route: "create", ...lostCreate });
    addFault(h, { route: "list", kind: "status", status: 500 }); // core's lookup of the lost create fails too
    const { error } = await expectError(await h.request("/v1/notes", { method: "POST", key, json: { audio_url: AUDIO.knee } }), UNCERTAIN_ANSWER);
    const id = String(error.details?.["id"]);
    expect(fired()).toBe(1);
    h.sandbox.faults.clear();
    const seen = deliveryOf(h, id);
    const replay = (transcriptId: string) => postWebhook(h, seen.path, { transcript_id: transcriptId, status: "completed" }, seen.secret);

    const theirJob = await startNote(h, other.key, AUDIO.finger);
    const theirs = transcriptOfJob(h, theirJob)?.id ?? "";
    expect(await (await replay(theirs)).json()).toMatchObject({ action: "duplicate", job_id: id });
    expect(h.queue.sent).toEqual([]);

    const orphan = await orphanTranscript(h);
    expect(await (await replay(orphan)).json()).toMatchObject({ action: "enqueued", job_id: id });
    const chats = chatCalls(h);
    await h.drainQueue();
    expect(chatCalls(h), "a note generated from a foreign transcript").toBe(chats);
    const unlinked = await getNote(h, key, id);
    expect(unlinked).toMatchObject({ status: "failed", transcript_id: null, note: null });
    expect(unlinked.failure?.reason).toContain("belongs to another job");

    // The transcripts complete: each job gets its note from its own.
    await h.settle();
    const own = await getNote(h, key, id);
    await expectValidNote(h, key, own);
    expect(own.transcript_id).toBe(seen.transcriptId);
    const their = await getNote(h, other.key, theirJob);
    await expectValidNote(h, other.key, their);
    expect(their.transcript_id).toBe(theirs);
    expect(h.sandbox.counters.transcriptsCreated).toBe(3);
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/**
 * `completed` arrives (early, or forged by someone holding one delivery) while AssemblyAI is still
 * transcribing: the consumer sends the job back to waiting without an LLM call and without spending
 * an attempt; the real webhook then queues it again and the note is written once.
 */
const earlyWebhook = scenario<FaultOn | undefined>({
  name: "an early webhook",
  variants: [
    { label: "the real webhook gets through at once", value: undefined },
    ...STATUSES_5XX.map((s) => ({ label: `the real webhook's first try answered ${s} (AssemblyAI retries)`, value: { kind: "status", status: s, times: 1 } as FaultOn })),
    { label: "the real webhook's first try reset after the Worker ran (the retry is a duplicate)", value: { kind: "reset", after: true, times: 1 } },
  ],
  async run(make, realWebhook) {
    const h = make();
    const { key } = await h.seedTenant();
    const id = await startNote(h, key);
    const fired = realWebhook ? addFault(h, { route: "webhook", ...realWebhook }) : () => 1;
    const seen = deliveryOf(h, id);
    const early = await postWebhook(h, seen.path, { transcript_id: seen.transcriptId, status: "completed" }, seen.secret);
    expect(await early.json()).toMatchObject({ action: "enqueued", job_id: id });
    expect((await h.drainQueue()).map((d) => d.acked)).toEqual([true]);
    expect(chatCalls(h)).toBe(0);
    expect(await getNote(h, key, id)).toMatchObject({ status: "transcribing", failure: null });
    await h.settle();
    const done = await getNote(h, key, id);
    await expectValidNote(h, key, done);
    expect(done.attempts, "the early webhook spent an attempt").toBe(1);
    expect(fired()).toBeGreaterThan(0);
    return "survived";
  },
});

const heldBackMs = chooseInt("secret-rotation-delay", 60, 180) * 1000;

/**
 * A webhook secret rotation: transcripts created before it call back with the old secret (header and
 * signature) and are accepted while `WEBHOOK_SECRET_PREVIOUS` holds it; new ones get the new secret;
 * once the rotation is over a late webhook with the old secret is refused, and the sweeper's lookup
 * finishes its job instead.
 */
const secretRotation = scenario<FaultOn>({
  name: `a webhook secret rotation (a pre-rotation webhook held back ${heldBackMs / 1000} s, past the rotation's end)`,
  variants: [
    ...STATUSES_5XX.map((s) => ({ label: `another pre-rotation webhook's first try answered ${s}`, value: { kind: "status", status: s, times: 1 } as FaultOn })),
    { label: "another pre-rotation webhook's first try reset", value: { kind: "reset", times: 1 } },
  ],
  async run(make, firstTry) {
    const h = make();
    const { key } = await h.seedTenant();
    // Contains the run's secret, so that the suite's leak scans catch it too.
    const newSecret = `${SECRETS.webhookSecret}.rotated`;
    const late = await startNote(h, key, AUDIO.finger);
    const early = await startNote(h, key);
    const held = addFault(h, { route: "webhook", kind: "out_of_order_webhook", delayMs: heldBackMs, times: 1 });
    const failed = addFault(h, { route: "webhook", ...firstTry });
    await h.finishTranscripts();
    expect([held(), failed()]).toEqual([1, 1]);

    h.setVars({ WEBHOOK_SECRET: newSecret, WEBHOOK_SECRET_PREVIOUS: SECRETS.webhookSecret });
    const after = await startNote(h, key);
    const made = transcriptOfJob(h, after);
    // Compared as a boolean: a failing assertion must not print the secret.
    expect(made?.headerValue === newSecret, "a transcript created after the rotation carries the new secret").toBe(true);
    expect(new URL(made?.webhookUrl ?? "x:").pathname.endsWith(`/${await jobSignature(newSecret, after)}`)).toBe(true);
    await h.finishTranscripts();
    await h.drainQueue();
    for (const id of [early, after]) await expectValidNote(h, key, await getNote(h, key, id));
    expect(h.captured.some((l) => l.includes('"event":"webhook.previous_secret"') && l.includes(early))).toBe(true);

    h.setVars({ WEBHOOK_SECRET_PREVIOUS: undefined });
    await h.finishTranscripts(heldBackMs);
    const refused = h.sandbox.state.webhookAttempts.filter((a) => a.transcriptId === transcriptOfJob(h, late)?.id && a.kind === "transcript");
    expect(refused.map((a) => [a.status, a.outcome])).toEqual([[401, "final"]]);
    expect((await getNote(h, key, late)).status).toBe("transcribing");
    await h.sweep(STALE_TRANSCRIBING_MS);
    await h.drainQueue();
    await expectValidNote(h, key, await getNote(h, key, late));
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/** Job-bound webhook authentication (#15 item 3). */
export const WEBHOOK_SCENARIOS: readonly Scenario[] = [foreignTranscript, earlyWebhook, secretRotation];
