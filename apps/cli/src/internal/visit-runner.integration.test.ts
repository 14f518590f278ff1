import { fileURLToPath } from "node:url";
import { GatewayClient, TranscriptsClient } from "@org/soap-core";
import { getTemplate } from "@org/soap-prompts";
import { createSandbox, type Sandbox } from "@org/soap-sandbox";
import { loadFixtures } from "@org/soap-sandbox/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkAudioFile } from "./visit-input.js";
import { type CheckedVisitInput, runVisitDurably, type VisitRunOptions } from "./visit-runner.js";

const AUDIO = fileURLToPath(new URL("../../../../samples/visits/visit-01-finger-injury.mp3", import.meta.url));

let sandbox: Sandbox;
let options: VisitRunOptions;
let input: CheckedVisitInput;
beforeEach(async () => {
  sandbox = createSandbox({ fixtures: await loadFixtures(), queuedMs: 0, processingMs: 5 });
  const common = { apiKey: sandbox.apiKey, baseUrl: "http://sandbox.local", gatewayBaseUrl: "http://sandbox.local", fetch: sandbox.fetch as typeof fetch };
  options = {
    transcripts: new TranscriptsClient(common),
    gateway: new GatewayClient(common),
    template: getTemplate("soap-complete@1"),
    model: "claude-sonnet-4-5-20250929",
    transcription: { speaker_labels: true, speech_models: ["universal-3-pro"] },
  };
  input = { kind: "audio_file", file: await checkAudioFile(AUDIO) };
});
afterEach(() => sandbox.close());

describe("runVisitDurably", () => {
  it("records the upload, the create and the transcript id, in that order, before the note", async () => {
    const events: string[] = [];
    const { note, transcript } = await runVisitDurably(input, {
      ...options,
      hooks: {
        onUploaded: async () => void events.push("uploaded"),
        onCreating: async () => void events.push("creating"),
        onTranscriptCreated: async (id) => void events.push(`created ${id}`),
      },
    });
    expect(events).toEqual(["uploaded", "creating", `created ${transcript?.id}`]);
    expect(note.provenance.transcript_id).toBe(transcript?.id);
    expect(sandbox.counters.transcriptsCreated).toBe(1);
  });

  it("resumes a recorded transcript id without uploading or creating", async () => {
    const first = await runVisitDurably(input, options);
    const again = await runVisitDurably(input, { ...options, resume: { transcriptId: first.transcript?.id as string, uploadUrl: "ignored" } });
    expect(again.transcript?.id).toBe(first.transcript?.id);
    expect(sandbox.counters.transcriptsCreated).toBe(1);
    expect(sandbox.counters.uploads).toBe(1);
  });

  it("reuses a recorded upload instead of uploading again", async () => {
    let uploadUrl = "";
    await runVisitDurably(input, { ...options, hooks: { onUploaded: async (u) => void (uploadUrl = u) } });
    await runVisitDurably(input, { ...options, resume: { uploadUrl } });
    expect(sandbox.counters.uploads).toBe(1);
    expect(sandbox.counters.transcriptsCreated).toBe(2);
  });

  it("finds a transcript whose create answer was lost and adopts it", async () => {
    let uploadUrl = "";
    let createdAt = "";
    sandbox.faults.add({ route: "create", kind: "reset", after: true, times: 1 });
    // A create whose answer is lost after AssemblyAI accepted it (core recovers it in-run too).
    await runVisitDurably(input, {
      ...options,
      hooks: { onUploaded: async (u) => void (uploadUrl = u), onCreating: async () => void (createdAt = new Date().toISOString()) },
    }).catch(() => undefined);
    const before = sandbox.counters.transcriptsCreated;
    const adopted: string[] = [];
    // The next run knows only what the ledger had: the upload URL and when the create was sent.
    const r = await runVisitDurably(input, { ...options, resume: { uploadUrl, creatingAt: createdAt }, hooks: { onTranscriptCreated: async (id) => void adopted.push(id) } });
    expect(sandbox.counters.transcriptsCreated).toBe(before);
    expect(adopted).toEqual([r.transcript?.id]);
  });
});
