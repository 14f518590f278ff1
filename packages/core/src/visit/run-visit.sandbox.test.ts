/**
 * runVisit end to end against the sandbox (@org/soap-sandbox, a devDependency), in-process: the
 * real clients, the real templates, the sample audio and fixtures (ACI-BENCH dialogues, CC BY 4.0,
 * with fictional PII; see tools/sandbox/fixtures).
 */
import { readFile } from "node:fs/promises";
import { createSandbox, type Sandbox } from "@org/soap-sandbox";
import { loadFixtures } from "@org/soap-sandbox/node";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GatewayClient } from "../clients/gateway/gateway-client.js";
import { TranscriptsClient } from "../clients/transcripts/transcripts-client.js";
import { TranscriptFailedError } from "../errors/transcript-errors.js";
import type { CheckpointUpdate } from "./checkpoint.js";
import type { VisitPlan } from "./plan.js";
import { runVisit } from "./run-visit.js";
import { checkpointRecorder, testPlan } from "./test-support/fake-visit-clients.js";
import type { VisitEvent } from "./visit-events.js";
import type { RunVisitOptions } from "./visit-ports.js";

const REPO = new URL("../../../../", import.meta.url);
const SLUG = "visit-02-knee-sprain";
let fixtures: Awaited<ReturnType<typeof loadFixtures>>;
let audio: Uint8Array;
let phi: string[];
let sandbox: Sandbox | undefined;
/** soap-structured@^2 (real hash), the default config's transcription, written by the sandbox. */
let plan: VisitPlan;

beforeAll(async () => {
  plan = await testPlan({ model: "claude-sonnet-4-5-20250929", environment: "sandbox" }, "soap-structured@^2");
  fixtures = await loadFixtures();
  audio = new Uint8Array(await readFile(new URL(`samples/visits/${SLUG}.mp3`, REPO)));
  const list = JSON.parse(await readFile(new URL("tools/sandbox/fixtures/phi-strings.json", REPO), "utf8")) as {
    fixtures: Record<string, { policy: string; text: string }[]>;
  };
  phi = (list.fixtures[SLUG] ?? []).filter((p) => p.policy === "person_name").map((p) => p.text);
});

afterEach(() => sandbox?.close());

function setup(extra: Partial<Omit<RunVisitOptions, "plan">> & { plan?: Partial<VisitPlan> } = {}) {
  sandbox = createSandbox({ fixtures, queuedMs: 5, processingMs: 20 });
  const common = { apiKey: sandbox.apiKey, fetch: sandbox.fetch as typeof fetch, baseUrl: "http://sandbox.test", gatewayBaseUrl: "http://sandbox.test", maxRetries: 0 };
  const events: VisitEvent[] = [];
  const { plan: planOverrides, ...rest } = extra;
  const options: RunVisitOptions = {
    transcripts: new TranscriptsClient(common),
    gateway: new GatewayClient(common),
    plan: { ...plan, ...planOverrides },
    wait: { initialDelayMs: 5, maxDelayMs: 20 },
    onEvent: (e) => events.push(e),
    ...rest,
  };
  return { sandbox, options, events };
}

describe("runVisit against the sandbox", () => {
  it("turns sample audio into a note whose quotes are all found, with roles, from one redacted transcript", async () => {
    const recorded: string[] = [];
    const { sandbox, options, events } = setup({
      plan: { identifyRoles: true, transcriptMode: "transcript_id" },
      onCheckpoint: (u: CheckpointUpdate) => void (u.step === "transcript_created" && recorded.push(u.transcriptId)),
    });
    const { note, transcript } = await runVisit({ kind: "audio", body: audio }, options);
    expect(sandbox.counters.snapshot()).toMatchObject({ uploads: 1, transcriptsCreated: 1 });
    expect(recorded).toEqual([transcript?.id]);
    expect(sandbox.state.transcripts.get(transcript?.id ?? "")?.params).toMatchObject({ redact_pii: true, redact_pii_sub: "hash", speaker_labels: true });
    const evidence = Object.values(note.sections).flatMap((s) => s.statements.flatMap((st) => st.evidence));
    expect(evidence.length).toBeGreaterThan(3);
    expect(evidence.every((e) => e.found && (e.role === "clinician" || e.role === "patient"))).toBe(true);
    expect(events.filter((e) => e.phase !== "progress").map((e) => `${e.stage}:${e.phase}`)).toEqual([
      "upload:start", "upload:end", "transcribe:start", "transcribe:end", "wait:start", "wait:end",
      "roles:start", "roles:end", "generate:start", "generate:end", "done:end",
    ]);
    expect(note.provenance).toMatchObject({ environment: "sandbox", transcript_mode: "transcript_id", redaction: { applied: true, substitution: "hash" } });
    const leaked = JSON.stringify({ note, events, chats: sandbox.state.chatRequests });
    expect(phi.length).toBeGreaterThan(0);
    for (const name of phi) expect(leaked).not.toContain(name);
  });

  it("sends the redacted utterances inline by default, labelled by speaker, without transcript_id", async () => {
    const { sandbox, options } = setup();
    const { transcript } = await runVisit({ kind: "audio", body: audio }, options);
    const chat = sandbox.state.chatRequests.at(-1);
    expect(chat?.transcriptId).toBeNull();
    const prompt = chat?.messages.map((m) => m.content).join("\n") ?? "";
    expect(prompt).toMatch(/^Speaker A: /m);
    expect(prompt).toContain(`Speaker B: ${transcript?.utterances?.find((u) => u.speaker === "B")?.text.slice(0, 40)}`);
    for (const name of phi) expect(prompt).not.toContain(name);
  });

  it("resumes from a transcript id without creating a second transcript", async () => {
    const { sandbox, options } = setup({ plan: { transcriptMode: "transcript_id" } });
    const first = await runVisit({ kind: "audio", body: audio }, options);
    const again = await runVisit({ kind: "transcript_id", transcriptId: first.transcript?.id ?? "" }, options);
    expect(sandbox.counters.snapshot().transcriptsCreated).toBe(1);
    expect(again.note.provenance.transcript_id).toBe(first.transcript?.id);
  });

  it("resumes the same audio from the recorded checkpoint without uploading or creating again", async () => {
    const recorder = checkpointRecorder();
    const { sandbox, options } = setup({ plan: { transcriptMode: "transcript_id" }, onCheckpoint: recorder.onCheckpoint });
    const first = await runVisit({ kind: "audio", body: audio }, options);
    expect(recorder.checkpoint).toMatchObject({ uploadUrl: expect.any(String), transcriptId: first.transcript?.id });
    const again = await runVisit({ kind: "audio", body: audio }, { ...options, checkpoint: recorder.checkpoint, onCheckpoint: undefined });
    expect(sandbox.counters.snapshot()).toMatchObject({ uploads: 1, transcriptsCreated: 1 });
    expect(again.note.provenance.transcript_id).toBe(first.transcript?.id);
  });

  it("finds a transcript whose create was accepted but answered 500, instead of creating it twice", async () => {
    const { sandbox, options, events } = setup({ plan: { transcriptMode: "transcript_id" } });
    sandbox.faults.add({ route: "create", kind: "status", status: 500, after: true, times: 1 });
    const { transcript } = await runVisit({ kind: "audio", body: audio }, options);
    expect(sandbox.counters.snapshot().transcriptsCreated).toBe(1);
    expect(events.find((e) => e.stage === "transcribe" && e.phase === "progress")).toMatchObject({ transcriptId: transcript?.id, detail: { recovered: true } });
  });

  it("surfaces a transcript that ends in error as TranscriptFailedError with its id", async () => {
    const { sandbox, options } = setup();
    sandbox.faults.add({ route: "create", kind: "transcript_error", message: "Audio duration is too short." });
    const run = runVisit({ kind: "audio", body: audio }, options);
    await expect(run).rejects.toBeInstanceOf(TranscriptFailedError);
    await expect(run).rejects.toMatchObject({ transcriptId: expect.any(String) });
  });
});
