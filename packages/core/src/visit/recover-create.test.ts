import { beforeAll, describe, expect, it } from "vitest";
import { BadRequestError } from "../errors/api-errors.js";
import { TranscriptCreateUncertainError } from "../errors/transcript-errors.js";
import type { CheckpointUpdate } from "./checkpoint.js";
import type { VisitPlan } from "./plan.js";
import { parseCreated } from "./recover-create.js";
import { runVisit } from "./run-visit.js";
import { FakeTranscripts, FakeVisitGateway, testPlan } from "./test-support/fake-visit-clients.js";
import type { VisitEvent } from "./visit-events.js";
import type { RunVisitOptions } from "./visit-ports.js";

let plan: VisitPlan;
beforeAll(async () => {
  plan = await testPlan({ model: "m" });
});

const URL_A = "https://cdn.assemblyai.test/upload/abc";
const SENT_AT = Date.parse("2026-11-25T10:00:00Z");
const row = (id: string, audio_url: string, created: string) => ({ id, audio_url, created, status: "processing" as const });

function lostCreate(listItems: ReturnType<typeof row>[] | undefined, error: Error = new TranscriptCreateUncertainError("HTTP 504", { status: 504 })) {
  const transcripts = new FakeTranscripts({ create: async () => Promise.reject(error), ...(listItems ? { listItems } : {}) });
  const recorded: string[] = [];
  const updates: CheckpointUpdate[] = [];
  const events: VisitEvent[] = [];
  const options: RunVisitOptions = {
    transcripts,
    gateway: new FakeVisitGateway({ log: transcripts.log }),
    plan,
    clock: () => SENT_AT,
    onCheckpoint: (u) => {
      updates.push(u);
      if (u.step === "transcript_created") recorded.push(u.transcriptId);
    },
    onEvent: (e) => void events.push(e),
  };
  return { transcripts, recorded, updates, events, options };
}

describe("runVisit: a create whose answer was lost", () => {
  it("finds the transcript by its audio_url, records it and carries on instead of creating another", async () => {
    const { transcripts, recorded, updates, events, options } = lostCreate([
      row("tr_other", "https://cdn.assemblyai.test/upload/zzz", "2026-11-25T10:00:02.123456"),
      row("tr_lost", URL_A, "2026-11-25T10:00:01.5"),
    ]);
    const { note } = await runVisit({ kind: "audio_url", url: URL_A }, options);
    expect(transcripts.log).toEqual(["create", "list:200", "wait:tr_lost", "chat"]);
    expect(transcripts.creates).toHaveLength(1);
    expect(recorded).toEqual(["tr_lost"]);
    expect(updates.slice(0, 2)).toEqual([
      { step: "creating", audioUrl: URL_A, at: SENT_AT },
      { step: "transcript_created", transcriptId: "tr_lost", recovered: true },
    ]);
    expect(events.find((e) => e.stage === "transcribe" && e.phase === "progress")).toMatchObject({ transcriptId: "tr_lost", detail: { recovered: true } });
    expect(note.provenance.transcript_id).toBe("tr_lost");
  });

  it("throws the create's TranscriptCreateUncertainError when only older transcripts have that URL", async () => {
    const { transcripts, recorded, options } = lostCreate([row("tr_old", URL_A, "2026-11-25T09:40:00")]);
    await expect(runVisit({ kind: "audio_url", url: URL_A }, options)).rejects.toBeInstanceOf(TranscriptCreateUncertainError);
    expect(transcripts.log).toEqual(["create", "list:200"]);
    expect(recorded).toEqual([]);
  });

  it("does not look when recovery is turned off, or when the client has no list()", async () => {
    const off = lostCreate([row("tr_lost", URL_A, "2026-11-25T10:00:01")]);
    await expect(runVisit({ kind: "audio_url", url: URL_A }, { ...off.options, recoverUncertainCreate: false })).rejects.toBeInstanceOf(TranscriptCreateUncertainError);
    expect(off.transcripts.log).toEqual(["create"]);
    const noList = lostCreate(undefined);
    await expect(runVisit({ kind: "audio_url", url: URL_A }, noList.options)).rejects.toBeInstanceOf(TranscriptCreateUncertainError);
  });

  it("never looks after a create that certainly failed", async () => {
    const bad = new BadRequestError({ status: 400, message: "bad audio_url" });
    const { transcripts, options } = lostCreate([row("tr_lost", URL_A, "2026-11-25T10:00:01")], bad);
    await expect(runVisit({ kind: "audio_url", url: URL_A }, options)).rejects.toBe(bad);
    expect(transcripts.log).toEqual(["create"]);
  });
});

describe("parseCreated", () => {
  it("reads AssemblyAI's zone-less created time as UTC and keeps explicit zones", () => {
    expect(parseCreated("2026-11-25T10:00:00.123456")).toBe(Date.parse("2026-11-25T10:00:00.123Z"));
    expect(parseCreated("2026-11-25T10:00:00+01:00")).toBe(Date.parse("2026-11-25T09:00:00Z"));
    expect(parseCreated("yesterday")).toBeNaN();
  });
});
