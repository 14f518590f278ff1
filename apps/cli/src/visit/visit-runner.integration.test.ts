import { fileURLToPath } from "node:url";
import { GatewayClient, TranscriptsClient } from "@org/soap-core";
import { planVisit } from "@org/soap-core/visit";
import { parseSoapConfig } from "@org/soap-prompts";
import { createSandbox, type Sandbox } from "@org/soap-sandbox";
import { loadFixtures } from "@org/soap-sandbox/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkAudioFile } from "../io/visit-input.js";
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
    plan: await planVisit(parseSoapConfig({ template: "soap-complete@1" }), "visit-01", { environment: "sandbox" }),
  };
  input = { kind: "audio_file", file: await checkAudioFile(AUDIO) };
});
afterEach(() => sandbox.close());

describe("runVisitDurably", () => {
  it("records the upload, the create and the transcript id, in that order, before the note", async () => {
    const events: string[] = [];
    const { note, transcript } = await runVisitDurably(input, {
      ...options,
      onCheckpoint: async (u) => void events.push(u.step === "transcript_created" ? `created ${u.transcriptId}` : u.step),
    });
    expect(events).toEqual(["uploaded", "creating", `created ${transcript?.id}`, "transcribed"]);
    expect(note.provenance.transcript_id).toBe(transcript?.id);
    expect(sandbox.counters.transcriptsCreated).toBe(1);
  });

  it("resumes a recorded transcript id without uploading or creating", async () => {
    const first = await runVisitDurably(input, options);
    const again = await runVisitDurably(input, { ...options, checkpoint: { transcriptId: first.transcript?.id as string, uploadUrl: "ignored" } });
    expect(again.transcript?.id).toBe(first.transcript?.id);
    expect(sandbox.counters.transcriptsCreated).toBe(1);
    expect(sandbox.counters.uploads).toBe(1);
  });

  it("reuses a recorded upload instead of uploading again", async () => {
    let uploadUrl = "";
    await runVisitDurably(input, { ...options, onCheckpoint: async (u) => void (u.step === "uploaded" && (uploadUrl = u.uploadUrl)) });
    await runVisitDurably(input, { ...options, checkpoint: { uploadUrl } });
    expect(sandbox.counters.uploads).toBe(1);
    expect(sandbox.counters.transcriptsCreated).toBe(2);
  });

  it("finds a transcript whose create answer was lost and adopts it", async () => {
    let uploadUrl = "";
    let createSentAt = 0;
    sandbox.faults.add({ route: "create", kind: "reset", after: true, times: 1 });
    // A create whose answer is lost after AssemblyAI accepted it (core recovers it in-run too).
    await runVisitDurably(input, {
      ...options,
      onCheckpoint: async (u) => {
        if (u.step === "uploaded") uploadUrl = u.uploadUrl;
        if (u.step === "creating") createSentAt = u.at;
      },
    }).catch(() => undefined);
    const before = sandbox.counters.transcriptsCreated;
    const adopted: string[] = [];
    // The next run knows only what the ledger had: the upload URL and when the create was sent.
    const r = await runVisitDurably(input, {
      ...options,
      checkpoint: { uploadUrl, audioUrl: uploadUrl, createSentAt },
      onCheckpoint: async (u) => void (u.step === "transcript_created" && adopted.push(u.transcriptId)),
    });
    expect(sandbox.counters.transcriptsCreated).toBe(before);
    expect(adopted).toEqual([r.transcript?.id]);
  });
});
