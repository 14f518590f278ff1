import { getTemplate } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { TranscriptFailedError } from "../errors/transcript-errors.js";
import { AbortError } from "../errors/transport-errors.js";
import type { VisitEvent } from "./pipeline-events.js";
import { runVisitEvents } from "./run-visit-events.js";
import { FakeTranscripts, FakeVisitGateway, hang, ticks } from "./test-support/fake-visit-clients.js";

const template = getTemplate("soap-structured@^2");

function options(transcripts: FakeTranscripts, extra: object = {}) {
  return { transcripts, gateway: new FakeVisitGateway({ log: transcripts.log }), template, templateHash: "sha256:t", model: "m", ...extra };
}

function label(e: VisitEvent): string {
  return e.stage === "result" ? "result" : `${e.stage}:${e.phase}`;
}

describe("runVisitEvents", () => {
  it("yields every stage event in order, then the result with the note and transcript", async () => {
    const seen: VisitEvent[] = [];
    for await (const e of runVisitEvents({ kind: "audio_url", url: "https://example.org/a.mp3" }, options(new FakeTranscripts()))) seen.push(e);
    expect(seen.map(label)).toEqual([
      "transcribe:start",
      "transcribe:progress",
      "transcribe:end",
      "wait:start",
      "wait:progress",
      "wait:progress",
      "wait:end",
      "generate:start",
      "generate:end",
      "check:start",
      "check:end",
      "done:end",
      "result",
    ]);
    const last = seen[seen.length - 1];
    expect(last?.stage === "result" && last.note.provenance.transcript_id).toBe("tr_visit_1");
    expect(last?.stage === "result" && last.transcript?.status).toBe("completed");
  });

  it("does not start the visit until iteration starts", async () => {
    const transcripts = new FakeTranscripts();
    const events = runVisitEvents({ kind: "transcript_id", transcriptId: "tr_1" }, options(transcripts));
    await ticks(2);
    expect(transcripts.log).toEqual([]);
    const it = events[Symbol.asyncIterator]();
    expect((await it.next()).value).toMatchObject({ stage: "wait", phase: "start", transcriptId: "tr_1" });
    await it.return?.();
  });

  it("throws the visit's error after the events it produced", async () => {
    const transcripts = new FakeTranscripts({ wait: async (id) => Promise.reject(new TranscriptFailedError(id, "bad audio")) });
    const seen: string[] = [];
    const run = async () => {
      for await (const e of runVisitEvents({ kind: "transcript_id", transcriptId: "tr_bad" }, options(transcripts))) seen.push(label(e));
    };
    await expect(run()).rejects.toBeInstanceOf(TranscriptFailedError);
    expect(seen).toEqual(["wait:start"]);
  });

  it("aborts the run when the loop is left early", async () => {
    let waitSignal: AbortSignal | undefined;
    const transcripts = new FakeTranscripts({
      wait: (_id, o) => {
        waitSignal = o.signal;
        return hang(o.signal);
      },
    });
    for await (const e of runVisitEvents({ kind: "transcript_id", transcriptId: "tr_1" }, options(transcripts))) {
      if (e.stage === "wait") break;
    }
    expect(waitSignal?.aborted).toBe(true);
    expect(transcripts.log).not.toContain("chat");
  });

  it("stops with AbortError when the caller's signal fires", async () => {
    const controller = new AbortController();
    const transcripts = new FakeTranscripts({ wait: (_id, o) => hang(o.signal) });
    const seen: string[] = [];
    const run = async () => {
      for await (const e of runVisitEvents({ kind: "transcript_id", transcriptId: "tr_1" }, options(transcripts, { signal: controller.signal }))) {
        seen.push(label(e));
        if (e.stage === "wait" && e.phase === "start") controller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(["wait:start"]);
  });

  it("still calls onEvent, and a throwing onEvent neither breaks the iterator nor loses events", async () => {
    const seen: VisitEvent[] = [];
    const onEvent = () => {
      throw new Error("display crashed");
    };
    const input = { kind: "transcript_text" as const, text: "[doctor] how is the knee ?\n[patient] better ." };
    for await (const e of runVisitEvents(input, options(new FakeTranscripts(), { onEvent }))) seen.push(e);
    expect(seen.map(label)).toEqual(["generate:start", "generate:end", "check:start", "check:end", "done:end", "result"]);
    expect(seen.find((e) => e.stage === "done")).toMatchObject({ detail: { listenerErrors: 4 } });
  });
});
