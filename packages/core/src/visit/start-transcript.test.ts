/**
 * Resuming a visit from what an earlier, interrupted run recorded (`checkpoint`): each recorded step
 * is never done again, and a create whose answer was lost is looked up before creating again.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ConnectionError } from "../errors/transport-errors.js";
import type { VisitCheckpoint } from "./checkpoint.js";
import type { VisitPlan } from "./plan.js";
import { runVisit, startTranscript } from "./run-visit.js";
import { checkpointRecorder, FakeTranscripts, FakeVisitGateway, testPlan, type CallLog } from "./test-support/fake-visit-clients.js";
import type { VisitEvent } from "./visit-events.js";
import type { RunVisitOptions, VisitTranscripts } from "./visit-ports.js";

const UPLOAD = "https://cdn.assemblyai.test/upload/earlier";
const SENT_AT = Date.parse("2026-11-25T10:00:00Z");
const NOW = SENT_AT + 60_000;
const row = (id: string, audio_url: string, created: string) => ({ id, audio_url, created, status: "processing" as const });
const AUDIO = { kind: "audio", body: new Uint8Array([1, 2, 3]) } as const;

let plan: VisitPlan;
beforeAll(async () => {
  plan = await testPlan();
});

function setup(checkpoint: VisitCheckpoint, listItems?: ReturnType<typeof row>[]) {
  const log: CallLog = [];
  const transcripts = new FakeTranscripts({ log, ...(listItems ? { listItems } : {}) });
  const recorder = checkpointRecorder(log);
  const events: VisitEvent[] = [];
  const options: RunVisitOptions = {
    plan,
    transcripts,
    gateway: new FakeVisitGateway({ log }),
    checkpoint,
    onCheckpoint: recorder.onCheckpoint,
    onEvent: (e) => void events.push(e),
    clock: () => NOW,
  };
  return { log, transcripts, recorder, events, options };
}

describe("resuming from a checkpoint with an upload URL", () => {
  it("transcribes the recorded upload without uploading again", async () => {
    const { log, transcripts, options } = setup({ uploadUrl: UPLOAD });
    const { note } = await runVisit(AUDIO, options);
    expect(log).toEqual([`creating:${UPLOAD}`, "create", "transcript_created:tr_visit_1", "wait:tr_visit_1", "transcribed:tr_visit_1", "chat"]);
    expect(transcripts.uploads).toEqual([]);
    expect(transcripts.creates).toEqual([{ ...plan.transcription, audio_url: UPLOAD }]);
    expect(note.provenance.transcript_id).toBe("tr_visit_1");
  });

  it("startTranscript stops at the created id: no upload and no wait", async () => {
    const { log, recorder, options } = setup({ uploadUrl: UPLOAD });
    const started = await startTranscript(AUDIO, { ...options, transcripts: options.transcripts as VisitTranscripts });
    expect(started).toEqual({ kind: "assemblyai", transcriptId: "tr_visit_1" });
    expect(log).toEqual([`creating:${UPLOAD}`, "create", "transcript_created:tr_visit_1"]);
    expect(recorder.updates[0]).toEqual({ step: "creating", audioUrl: UPLOAD, at: NOW });
  });
});

describe("resuming from a checkpoint with a create sent and not answered", () => {
  const pending: VisitCheckpoint = { uploadUrl: UPLOAD, audioUrl: UPLOAD, createSentAt: SENT_AT };

  it("finds the transcript that create made with list(), records it as recovered and waits for it: no upload, no create", async () => {
    const { log, transcripts, recorder, events, options } = setup(pending, [
      row("tr_other", "https://cdn.assemblyai.test/upload/other", "2026-11-25T10:00:03"),
      row("tr_lost", UPLOAD, "2026-11-25T10:00:01.5"),
    ]);
    const { note } = await runVisit(AUDIO, options);
    expect(log).toEqual(["list:200", "transcript_created:tr_lost:recovered", "wait:tr_lost", "transcribed:tr_lost", "chat"]);
    expect(transcripts.uploads).toEqual([]);
    expect(transcripts.creates).toEqual([]);
    expect(recorder.checkpoint).toMatchObject({ transcriptId: "tr_lost" });
    expect(recorder.checkpoint).not.toHaveProperty("createSentAt");
    expect(note.provenance.transcript_id).toBe("tr_lost");
    expect(events.filter((e) => e.stage === "transcribe").map((e) => e.phase)).toEqual(["start", "end"]);
  });

  it("looks an audio_url visit's lost create up the same way", async () => {
    const url = "https://example.org/visit.mp3";
    const { log, transcripts, options } = setup({ audioUrl: url, createSentAt: SENT_AT }, [row("tr_lost", url, "2026-11-25T10:00:01")]);
    await runVisit({ kind: "audio_url", url }, options);
    expect(log).toEqual(["list:200", "transcript_created:tr_lost:recovered", "wait:tr_lost", "transcribed:tr_lost", "chat"]);
    expect(transcripts.creates).toEqual([]);
  });

  it("creates the transcript when the lookup finds none (only an older transcript of that URL), still without uploading", async () => {
    const { log, transcripts, options } = setup(pending, [row("tr_old", UPLOAD, "2026-11-25T09:40:00")]);
    const { note } = await runVisit(AUDIO, options);
    expect(log).toEqual(["list:200", `creating:${UPLOAD}`, "create", "transcript_created:tr_visit_1", "wait:tr_visit_1", "transcribed:tr_visit_1", "chat"]);
    expect(transcripts.uploads).toEqual([]);
    expect(transcripts.creates).toEqual([{ ...plan.transcription, audio_url: UPLOAD }]);
    expect(note.provenance.transcript_id).toBe("tr_visit_1");
  });

  it("does not look a create up for another URL than the one it was sent for", async () => {
    const other = "https://example.org/other.mp3";
    const url = "https://example.org/visit.mp3";
    const { log, options } = setup({ audioUrl: other, createSentAt: SENT_AT }, [row("tr_x", other, "2026-11-25T10:00:01")]);
    const { note } = await runVisit({ kind: "audio_url", url }, options);
    expect(log).toEqual([`creating:${url}`, "create", "transcript_created:tr_visit_1", "wait:tr_visit_1", "transcribed:tr_visit_1", "chat"]);
    expect(note.provenance.transcript_id).toBe("tr_visit_1");
  });

  it("stops with the lookup's error rather than risk a second transcript when list() fails", async () => {
    const failure = new ConnectionError("connection refused");
    const base = new FakeTranscripts();
    const transcripts: VisitTranscripts = {
      upload: (b, o) => base.upload(b, o),
      create: (p, o) => base.create(p, o),
      wait: (id, o) => base.wait(id, o),
      list: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(failure) }),
      }),
    };
    const { options } = setup(pending);
    await expect(runVisit(AUDIO, { ...options, transcripts })).rejects.toBe(failure);
    expect(base.log).toEqual([]);
  });
});

describe("resuming from a checkpoint with a transcript id", () => {
  it("only waits for the recorded transcript: no upload, no lookup, no create", async () => {
    const { log, transcripts, options } = setup({ uploadUrl: UPLOAD, audioUrl: UPLOAD, transcriptId: "tr_known" }, [row("tr_lost", UPLOAD, "2026-11-25T10:00:01")]);
    const { note, transcript } = await runVisit(AUDIO, options);
    expect(log).toEqual(["wait:tr_known", "transcribed:tr_known", "chat"]);
    expect(transcripts.uploads).toEqual([]);
    expect(transcripts.creates).toEqual([]);
    expect(transcript?.id).toBe("tr_known");
    expect(note.provenance.transcript_id).toBe("tr_known");
  });

  it("startTranscript returns the recorded id without any call", async () => {
    const { log, options } = setup({ transcriptId: "tr_known", createSentAt: SENT_AT, audioUrl: UPLOAD }, [row("tr_lost", UPLOAD, "2026-11-25T10:00:01")]);
    const started = await startTranscript({ kind: "audio_url", url: UPLOAD }, { ...options, transcripts: options.transcripts as VisitTranscripts });
    expect(started).toEqual({ kind: "assemblyai", transcriptId: "tr_known" });
    expect(log).toEqual([]);
  });
});

describe("startTranscript", () => {
  it("adds the caller's delivery (webhook) to the plan's create parameters", async () => {
    const { transcripts, options } = setup({});
    const delivery = { webhook_url: "https://api.example.org/hooks/visit-1", webhook_auth_header_name: "x-hook", webhook_auth_header_value: "secret" };
    await startTranscript({ kind: "audio_url", url: "https://example.org/visit.mp3" }, { ...options, transcripts: options.transcripts as VisitTranscripts, delivery });
    expect(transcripts.creates).toEqual([{ ...plan.transcription, ...delivery, audio_url: "https://example.org/visit.mp3" }]);
  });
});
