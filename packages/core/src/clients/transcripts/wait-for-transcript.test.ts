import { describe, expect, it } from "vitest";
import { TranscriptFailedError } from "../../errors/transcript-errors.js";
import { AbortError, TimeoutError } from "../../errors/transport-errors.js";
import { fakeTime, json, sequence, transcriptBody } from "../../internal/test-support/fake-fetch.js";
import { TranscriptsClient } from "./transcripts-client.js";

const ID = "tr-1";

function setup(...bodies: Record<string, unknown>[]) {
  const f = sequence(...bodies.map((b) => json(b)));
  const time = fakeTime();
  const c = new TranscriptsClient({ apiKey: "k-123456", fetch: f.fetch, sleep: time.sleep, now: time.now, random: () => 0.5 });
  return { f, time, c };
}

describe("TranscriptsClient.wait", () => {
  it("polls every 150 ms at first until completed and returns the transcript", async () => {
    const { f, time, c } = setup(
      transcriptBody(ID, "queued"),
      transcriptBody(ID, "processing"),
      transcriptBody(ID, "processing"),
      transcriptBody(ID, "completed"),
    );
    const t = await c.wait(ID);
    expect(t.status).toBe("completed");
    expect(t.text).toBe("Hello there.");
    expect(f.calls).toHaveLength(4);
    expect(time.sleeps).toEqual([150, 150, 150]);
  });

  it("lets the delay grow with the time waited (overshootRatio), capped at maxDelayMs", async () => {
    const bodies = [...Array.from({ length: 15 }, () => transcriptBody(ID, "processing")), transcriptBody(ID, "completed")];
    const { time, c } = setup(...bodies);
    await c.wait(ID, { maxDelayMs: 3000, overshootRatio: 1 });
    expect(Math.max(...time.sleeps)).toBe(3000);
    expect(time.sleeps.at(-1)).toBe(3000);
  });

  it("reports every poll to onPoll", async () => {
    const { c } = setup(transcriptBody(ID, "queued"), transcriptBody(ID, "completed"));
    const seen: [string, number, number | undefined][] = [];
    await c.wait(ID, { onPoll: (t, info) => seen.push([t.status, info.attempt, info.nextDelayMs]) });
    expect(seen).toEqual([
      ["queued", 0, 150],
      ["completed", 1, undefined],
    ]);
  });

  it("throws TranscriptFailedError with the id and AssemblyAI's message on status error", async () => {
    const { c } = setup(transcriptBody(ID, "processing"), transcriptBody(ID, "error", { error: "Audio duration is too short." }));
    const err = (await c.wait(ID).catch((e: unknown) => e)) as TranscriptFailedError;
    expect(err).toBeInstanceOf(TranscriptFailedError);
    expect(err.transcriptId).toBe(ID);
    expect(err.reason).toBe("Audio duration is too short.");
    expect(err.message).toContain("Audio duration is too short.");
  });

  it("gives up at the overall deadline with a TimeoutError naming the transcript", async () => {
    const { f, time, c } = setup(transcriptBody(ID, "processing"));
    const err = (await c.wait(ID, { deadlineMs: 2000 }).catch((e: unknown) => e)) as TimeoutError;
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.transcriptId).toBe(ID);
    expect(err.lastStatus).toBe("processing");
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBe(2000); // the last sleep is cut to the deadline
    expect(f.calls.length).toBeGreaterThan(2);
  });

  it("stops with AbortError when the signal aborts between polls", async () => {
    const ac = new AbortController();
    const { f, c } = setup(transcriptBody(ID, "processing"));
    const err = await c
      .wait(ID, {
        signal: ac.signal,
        onPoll: (_, info) => {
          if (info.attempt === 1) ac.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(f.calls).toHaveLength(2);
  });

  it("uses the injected sleep, clock and random of WaitOptions over the client's", async () => {
    const { c } = setup(transcriptBody(ID, "queued"), transcriptBody(ID, "completed"));
    const own = fakeTime();
    await c.wait(ID, { sleep: own.sleep, now: own.now, random: () => 0, initialDelayMs: 1000 });
    expect(own.sleeps).toEqual([900]);
  });
});
