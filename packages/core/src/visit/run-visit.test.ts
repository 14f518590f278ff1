import { DEFAULT_SOAP_CONFIG, SAFE_HARBOR_POLICIES } from "@org/soap-prompts";
import { beforeAll, describe, expect, it } from "vitest";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { TranscriptFailedError } from "../errors/transcript-errors.js";
import { AbortError } from "../errors/transport-errors.js";
import { SoapNote } from "../note/soap-note.js";
import type { CheckpointUpdate } from "./checkpoint.js";
import type { VisitPlan } from "./plan.js";
import { runVisit } from "./run-visit.js";
import { ROLES_WARNING_CODE } from "./speaker-roles.js";
import {
  checkpointRecorder,
  completedTranscript,
  FakeTranscripts,
  FakeVisitGateway,
  hang,
  STRUCTURED_ANSWER,
  testPlan,
  ticks,
  type CallLog,
} from "./test-support/fake-visit-clients.js";
import type { VisitEvent } from "./visit-events.js";
import type { RunVisitOptions } from "./visit-ports.js";

/** soap-structured@^2 with its real hash, model test-model, the default transcription settings. */
let plan: VisitPlan;
beforeAll(async () => {
  plan = await testPlan();
});

type SetupOptions = Partial<Omit<RunVisitOptions, "plan">> & { plan?: Partial<VisitPlan> };

function setup(extra: SetupOptions = {}, fakes: { transcripts?: FakeTranscripts; gateway?: FakeVisitGateway } = {}) {
  const log: CallLog = [];
  const transcripts = fakes.transcripts ?? new FakeTranscripts({ log });
  const gateway = fakes.gateway ?? new FakeVisitGateway({ log: transcripts.log });
  const { plan: planOverrides, ...rest } = extra;
  const options: RunVisitOptions = { transcripts, gateway, plan: { ...plan, ...planOverrides }, ...rest };
  return { log: transcripts.log, transcripts, gateway, options };
}

/** Evidence counts of a checked note (what the removed `check` stage reported). */
function evidenceSummary(note: SoapNote): Record<string, number> {
  const statements = Object.values(note.sections).flatMap((s) => s.statements);
  const evidence = statements.flatMap((s) => s.evidence);
  const found = evidence.filter((e) => e.found).length;
  return { statements: statements.length, quotes: evidence.length, found, unsupported: evidence.length - found };
}

describe("runVisit: inputs", () => {
  it("uploads audio, creates the transcript with the default redaction and speaker settings, waits and writes the note", async () => {
    const log: CallLog = [];
    const recorder = checkpointRecorder(log);
    const { transcripts, options } = setup({ onCheckpoint: recorder.onCheckpoint }, { transcripts: new FakeTranscripts({ log }) });
    const body = new Uint8Array([1, 2, 3]);
    const { note, transcript } = await runVisit({ kind: "audio", body }, options);
    expect(log).toEqual([
      "upload",
      "uploaded:https://cdn.assemblyai.test/upload/abc",
      "creating:https://cdn.assemblyai.test/upload/abc",
      "create",
      "transcript_created:tr_visit_1",
      "wait:tr_visit_1",
      "transcribed:tr_visit_1",
      "chat",
    ]);
    expect(transcripts.uploads[0]).toBe(body);
    expect(transcripts.creates[0]).toEqual({ ...DEFAULT_SOAP_CONFIG.transcription, audio_url: "https://cdn.assemblyai.test/upload/abc" });
    expect(transcripts.creates[0]).toMatchObject({ speaker_labels: true, redact_pii: true, redact_pii_sub: "hash" });
    expect(transcript?.id).toBe("tr_visit_1");
    expect(note.provenance).toMatchObject({ transcript_id: "tr_visit_1", transcript_source: "assemblyai", model: "test-model", template: { ref: plan.template.ref, hash: plan.template.hash } });
    // The plan's decisions are recorded: the Safe Harbor redaction AssemblyAI applied, the mode, the environment.
    expect(note.provenance.redaction).toEqual({ applied: true, policies: [...SAFE_HARBOR_POLICIES], substitution: "hash" });
    expect(note.provenance).toMatchObject({ transcript_mode: "inline", environment: "assemblyai" });
    expect(note.sections.subjective.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "B" });
  });

  it("creates from an audio_url with the requested transcription options replacing the defaults", async () => {
    const { log, transcripts, options } = setup({ plan: { transcription: { speech_models: ["m1"], speaker_labels: true, domain: "medical-v1" } } });
    await runVisit({ kind: "audio_url", url: "https://example.org/visit.mp3" }, options);
    expect(log).toEqual(["create", "wait:tr_visit_1", "chat"]);
    expect(transcripts.creates).toEqual([{ speech_models: ["m1"], speaker_labels: true, domain: "medical-v1", audio_url: "https://example.org/visit.mp3" }]);
  });

  it("resumes a transcript_id by waiting only: it never uploads or creates, and records no upload or create checkpoint", async () => {
    const updates: CheckpointUpdate[] = [];
    const { log, options } = setup({ onCheckpoint: (u) => void updates.push(u) });
    const { note } = await runVisit({ kind: "transcript_id", transcriptId: "tr_resumed" }, options);
    expect(log).toEqual(["wait:tr_resumed", "chat"]);
    expect(updates.map((u) => u.step)).toEqual(["transcribed"]);
    expect(updates[0]).toMatchObject({ step: "transcribed", transcriptId: "tr_resumed" });
    expect(note.provenance.transcript_id).toBe("tr_resumed");
  });

  it("writes a note from plain-text dialogue without any transcripts client, inline, with the labels' roles", async () => {
    const gateway = new FakeVisitGateway();
    const text = "[doctor] what brings you in today ?\n[patient] my right knee has been hurting for two weeks .";
    const { note, transcript } = await runVisit(
      { kind: "transcript_text", text },
      { gateway, plan: { ...plan, model: "m", identifyRoles: true, transcriptMode: "transcript_id" } },
    );
    expect(transcript).toBeUndefined();
    expect(gateway.roleCalls).toEqual([]);
    expect(gateway.requests[0]?.transcript_id).toBeUndefined();
    expect(gateway.content()).toContain("my right knee has been hurting for two weeks");
    expect(note.provenance.transcript_source).toBe("text");
    expect(note.provenance.transcript_id).toBeUndefined();
    expect(note.provenance.transcript_mode).toBe("inline");
    // A text dialogue never went through AssemblyAI: the local scrubber ran instead (the plan states it de-identified).
    expect(note.provenance.redaction).toMatchObject({ applied: true, method: "local-scrubber", statement: "deidentified", found: {} });
  });

  it("accepts a completed transcript JSON without calling the transcripts API", async () => {
    const { log, options } = setup();
    const { note, transcript } = await runVisit({ kind: "transcript_json", transcript: completedTranscript("tr_json") }, options);
    expect(log).toEqual(["chat"]);
    expect(transcript?.id).toBe("tr_json");
    expect(note.provenance.transcript_id).toBe("tr_json");
  });

  it("rejects an invalid transcript JSON with RequestValidationError before any call", async () => {
    const { log, options } = setup();
    const bad = { id: "tr_x", status: "done", words: "nope" } as never;
    await expect(runVisit({ kind: "transcript_json", transcript: bad }, options)).rejects.toBeInstanceOf(RequestValidationError);
    expect(log).toEqual([]);
  });

  it("turns a transcript JSON with status error into TranscriptFailedError and refuses one still processing", async () => {
    const { options } = setup();
    const failed = runVisit({ kind: "transcript_json", transcript: { id: "tr_f", status: "error", error: "Download error" } }, options);
    await expect(failed).rejects.toMatchObject({ name: "TranscriptFailedError", transcriptId: "tr_f" });
    const pending = runVisit({ kind: "transcript_json", transcript: { id: "tr_p", status: "processing" } }, options);
    await expect(pending).rejects.toBeInstanceOf(RequestValidationError);
  });

  it("rejects bad inputs (empty text, non-http URL, missing transcripts client) with RequestValidationError", async () => {
    const { options } = setup();
    await expect(runVisit({ kind: "transcript_text", text: "  \n" }, options)).rejects.toBeInstanceOf(RequestValidationError);
    await expect(runVisit({ kind: "audio_url", url: "file:///etc/passwd" }, options)).rejects.toBeInstanceOf(RequestValidationError);
    const { transcripts: _t, ...noClient } = options;
    await expect(runVisit({ kind: "transcript_id", transcriptId: "tr_1" }, noClient)).rejects.toBeInstanceOf(RequestValidationError);
  });
});

describe("runVisit: durability and failures", () => {
  it("awaits the transcript_created checkpoint (and the creating one before the create) before waiting", async () => {
    const log: CallLog = [];
    const { options } = setup(
      {
        onCheckpoint: async (u) => {
          if (u.step === "creating") {
            await ticks(2);
            log.push(`creating:${u.audioUrl}`);
          } else if (u.step === "transcript_created") {
            log.push(`record:start:${u.transcriptId}`);
            await ticks(3);
            log.push(`record:end:${u.transcriptId}`);
          } else if (u.step === "transcribed") {
            await ticks(2);
            log.push(`transcribed:${u.transcriptId}`);
          }
        },
      },
      { transcripts: new FakeTranscripts({ log }) },
    );
    await runVisit({ kind: "audio_url", url: "https://example.org/a.mp3" }, options);
    expect(log).toEqual([
      "creating:https://example.org/a.mp3",
      "create",
      "record:start:tr_visit_1",
      "record:end:tr_visit_1",
      "wait:tr_visit_1",
      "transcribed:tr_visit_1",
      "chat",
    ]);
  });

  it("stops with the hook's error when recording transcript_created fails, without waiting or generating", async () => {
    const boom = new Error("ledger is read-only");
    const { log, options } = setup({ onCheckpoint: async (u) => (u.step === "transcript_created" ? Promise.reject(boom) : undefined) });
    await expect(runVisit({ kind: "audio_url", url: "https://example.org/a.mp3" }, options)).rejects.toBe(boom);
    expect(log).toEqual(["create"]);
  });

  it("propagates TranscriptFailedError from wait and writes no note", async () => {
    const transcripts = new FakeTranscripts({ wait: async (id) => Promise.reject(new TranscriptFailedError(id, "Audio too short")) });
    const { log, options } = setup({}, { transcripts });
    await expect(runVisit({ kind: "transcript_id", transcriptId: "tr_short" }, options)).rejects.toMatchObject({ name: "TranscriptFailedError", transcriptId: "tr_short" });
    expect(log).toEqual(["wait:tr_short"]);
  });

  it("passes the signal to upload, create and wait, and stops with AbortError when it fires while waiting", async () => {
    const controller = new AbortController();
    const transcripts = new FakeTranscripts({ wait: (_id, o) => hang(o.signal) });
    const { log, options } = setup({ signal: controller.signal }, { transcripts });
    const run = runVisit({ kind: "audio", body: new Uint8Array([1]) }, options);
    await ticks(3);
    controller.abort(new Error("user pressed ctrl-c"));
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(transcripts.signals.every((s) => s !== undefined)).toBe(true);
    expect(transcripts.signals).toHaveLength(3);
    expect(log).not.toContain("chat");
  });

  it("stops promptly with AbortError even when a dependency ignores the signal", async () => {
    const controller = new AbortController();
    const transcripts = new FakeTranscripts({ wait: () => new Promise(() => undefined) });
    const { options } = setup({ signal: controller.signal }, { transcripts });
    const run = runVisit({ kind: "transcript_id", transcriptId: "tr_1" }, options);
    await ticks(2);
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(AbortError);
  });

  it("does nothing when the signal has already fired", async () => {
    const { log, options } = setup({ signal: AbortSignal.abort() });
    await expect(runVisit({ kind: "audio_url", url: "https://example.org/a.mp3" }, options)).rejects.toBeInstanceOf(AbortError);
    expect(log).toEqual([]);
  });
});

describe("runVisit: speaker roles", () => {
  it("identifies roles and passes them to the prompt and to the evidence", async () => {
    const { gateway, options } = setup({ plan: { identifyRoles: true } });
    const { note } = await runVisit({ kind: "transcript_id", transcriptId: "tr_1" }, options);
    expect(gateway.roleCalls).toEqual([{ transcriptId: "tr_1", knownValues: ["clinician", "patient"] }]);
    expect(gateway.content()).toMatch(/clinician/);
    expect(note.sections.plan.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "A", role: "clinician" });
    expect(note.warnings.map((w) => w.code)).not.toContain(ROLES_WARNING_CODE);
  });

  it("continues without roles and warns when identification fails", async () => {
    const gateway = new FakeVisitGateway({ roles: async () => Promise.reject(new Error("503")) });
    const { options } = setup({ plan: { identifyRoles: true } }, { gateway });
    const { note } = await runVisit({ kind: "transcript_id", transcriptId: "tr_1" }, options);
    expect(gateway.requests).toHaveLength(1);
    expect(note.warnings).toContainEqual(expect.objectContaining({ code: ROLES_WARNING_CODE }));
    expect(note.sections.plan.statements[0]?.evidence[0]?.role).toBeUndefined();
  });

  it("drops role labels that could not be written into a prompt, and warns", async () => {
    const gateway = new FakeVisitGateway({ roles: async () => ({ A: "clinician", "B}": "pa<tient" }) });
    const { options } = setup({ plan: { identifyRoles: true } }, { gateway });
    const { note } = await runVisit({ kind: "transcript_id", transcriptId: "tr_1" }, options);
    expect(gateway.content()).not.toContain("pa<tient");
    expect(note.warnings.filter((w) => w.code === ROLES_WARNING_CODE)).toHaveLength(1);
  });

  it("stops with AbortError (not a warning) when aborted during role identification", async () => {
    const controller = new AbortController();
    const gateway = new FakeVisitGateway({ roles: (_id, o) => hang(o?.signal) });
    const { options } = setup({ plan: { identifyRoles: true }, signal: controller.signal }, { gateway });
    const run = runVisit({ kind: "transcript_id", transcriptId: "tr_1" }, options);
    await ticks(3);
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(gateway.requests).toHaveLength(0);
  });

  it("keeps a note with the roles warning valid against the SoapNote schema", async () => {
    const gateway = new FakeVisitGateway({ roles: async () => ({}) });
    const { options } = setup({ plan: { identifyRoles: true } }, { gateway });
    const { note } = await runVisit({ kind: "transcript_id", transcriptId: "tr_1" }, options);
    expect(note.warnings.map((w) => w.code)).toContain(ROLES_WARNING_CODE);
    expect(SoapNote.safeParse(note).success).toBe(true);
  });
});

describe("runVisit: how the gateway gets the transcript", () => {
  it("sends speaker-labelled utterances inline by default when the transcript has utterances", async () => {
    const { gateway, options } = setup();
    await runVisit({ kind: "transcript_id", transcriptId: "tr_1" }, options);
    const req = gateway.requests[0];
    expect(req?.transcript_id).toBeUndefined();
    expect(gateway.content()).toContain("Speaker B: My right knee has been hurting for two weeks.");
    expect(gateway.content()).not.toContain("{{ transcript }}");
  });

  it("lets the gateway substitute {{ transcript }} in transcript_id mode", async () => {
    const { gateway, options } = setup({ plan: { transcriptMode: "transcript_id" } });
    await runVisit({ kind: "transcript_id", transcriptId: "tr_1" }, options);
    expect(gateway.requests[0]?.transcript_id).toBe("tr_1");
    expect(gateway.content()).toContain("<transcript>\n{{ transcript }}\n</transcript>");
    expect(gateway.content()).not.toContain("My right knee");
  });

  it("falls back to transcript_id mode when the transcript has no utterances", async () => {
    const { gateway, options } = setup();
    await runVisit({ kind: "transcript_json", transcript: completedTranscript("tr_nu", false) }, options);
    expect(gateway.requests[0]?.transcript_id).toBe("tr_nu");
  });
});

describe("runVisit: events", () => {
  it("reports each stage's start and end in order, with the transcript id as soon as it is known", async () => {
    let now = 1000;
    const events: VisitEvent[] = [];
    const transcripts = new FakeTranscripts({
      wait: async (id, o) => {
        o.onPoll?.({ id, status: "processing" }, { attempt: 0, elapsedMs: 0, nextDelayMs: 3000 });
        now += 3000;
        return completedTranscript(id);
      },
    });
    const gateway = new FakeVisitGateway({
      log: transcripts.log,
      answer: () => {
        now += 700;
        return STRUCTURED_ANSWER;
      },
    });
    const { options } = setup({ plan: { identifyRoles: true }, clock: () => now, onEvent: (e) => events.push(e) }, { transcripts, gateway });
    const { note } = await runVisit({ kind: "audio", body: new Uint8Array([1]) }, options);
    expect(events.map((e) => `${e.stage}:${e.phase}`)).toEqual([
      "upload:start",
      "upload:end",
      "transcribe:start",
      "transcribe:progress",
      "transcribe:end",
      "wait:start",
      "wait:progress",
      "wait:end",
      "roles:start",
      "roles:end",
      "generate:start",
      "generate:end",
      "done:end",
    ]);
    // The "check" stage is gone: generateSoapNote checks the quotes inside "generate".
    expect(events.some((e) => (e.stage as string) === "check")).toBe(false);
    const firstWithId = events.findIndex((e) => e.transcriptId !== undefined);
    expect(events[firstWithId]).toMatchObject({ stage: "transcribe", phase: "progress", transcriptId: "tr_visit_1" });
    expect(events.slice(firstWithId).every((e) => e.transcriptId === "tr_visit_1")).toBe(true);
    const at = (stage: string, phase: string) => events.find((e) => e.stage === stage && e.phase === phase);
    expect(at("wait", "progress")?.detail).toMatchObject({ status: "processing", attempt: 0 });
    expect(at("wait", "end")).toMatchObject({ elapsedMs: 3000, detail: { durationMs: 3000, status: "completed" } });
    expect(at("roles", "end")?.detail).toMatchObject({ speakers: 2, identified: true });
    // requests: the chat request plus the /v1/understanding one (the note's whole request count).
    expect(at("generate", "end")).toMatchObject({ elapsedMs: 3700, detail: { durationMs: 700, mode: "inline", requests: 2, totalTokens: 150 } });
    expect(evidenceSummary(note)).toEqual({ statements: 3, quotes: 2, found: 2, unsupported: 0 });
    expect(at("done", "end")).toMatchObject({ elapsedMs: 3700, detail: { totalMs: 3700, listenerErrors: 0 } });
    expect(note.provenance.latency_ms).toBe(700);
    // The one clock also dates the note (epoch ms).
    expect(note.provenance.created_at).toBe(new Date(4000).toISOString());
  });

  it("keeps running when onEvent throws, and counts the listener's failures", async () => {
    const seen: VisitEvent[] = [];
    const { options } = setup({
      onEvent: (e) => {
        seen.push(e);
        throw new Error("display crashed");
      },
    });
    const { note } = await runVisit({ kind: "transcript_id", transcriptId: "tr_1" }, options);
    expect(note.sections.subjective.statements).toHaveLength(1);
    // wait:start, 2 × wait:progress, wait:end, generate:start, generate:end, done:end (no "check" stage any more).
    expect(seen).toHaveLength(7);
    expect(seen.at(-1)).toMatchObject({ stage: "done", detail: { listenerErrors: 6 } });
  });

  it("reports a rejected async listener without an unhandled rejection", async () => {
    const done: VisitEvent[] = [];
    const { options } = setup({
      onEvent: ((e: VisitEvent) => {
        if (e.stage === "done") done.push(e);
        return Promise.reject(new Error("async display crashed"));
      }) as (e: VisitEvent) => void,
    });
    await runVisit({ kind: "transcript_text", text: "[doctor] hello ." }, options);
    expect(done).toHaveLength(1);
  });
});
