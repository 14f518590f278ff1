import { describe, expect, it } from "vitest";
import { createHarness } from "./support/harness.js";
import { startNote } from "./support/flow.js";

interface NoteResource {
  status: string;
  failure: { code: string; reason: string } | null;
}

describe("MAX_AUDIO_MINUTES (#15)", () => {
  it("writes no note for a longer recording, says why, and deletes its transcript at AssemblyAI", async () => {
    // The knee-sprain fixture is 4.5 minutes long.
    const h = createHarness({ vars: { MAX_AUDIO_MINUTES: "4" } });
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    await h.finishTranscripts();
    const chats = h.sandbox.counters.calls("chat");
    await h.drainQueue();
    const body = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteResource;
    expect(body.status).toBe("failed");
    expect(body.failure?.code).toBe("audio_too_long");
    expect(body.failure?.reason).toMatch(/The recording is 4\.5 min long; this deployment makes notes from recordings up to 4 min/);
    expect(h.sandbox.counters.calls("chat")).toBe(chats);
    const [transcript] = [...h.sandbox.state.transcripts.values()];
    expect(transcript?.deleted).toBe(true);
  });

  it("lets a recording within the cap through", async () => {
    const h = createHarness({ vars: { MAX_AUDIO_MINUTES: "5" } });
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    await h.finishTranscripts();
    await h.drainQueue();
    const body = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteResource;
    expect(body.status).toBe("completed");
  });
});
