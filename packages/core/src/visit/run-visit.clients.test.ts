/**
 * runVisit with the real TranscriptsClient and GatewayClient over a fake fetch that answers like
 * AssemblyAI: checks the wire shapes the pipeline produces (upload, create, polling, understanding,
 * chat) exactly, independently of the sandbox (run-visit.sandbox.test.ts runs it end to end).
 */
import { DEFAULT_SOAP_CONFIG } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { GatewayClient } from "../clients/gateway/gateway-client.js";
import { TranscriptsClient } from "../clients/transcripts/transcripts-client.js";
import { TranscriptFailedError } from "../errors/transcript-errors.js";
import { fakeFetch, fakeTime, json, type RecordedCall } from "../internal/test-support/fake-fetch.js";
import { runVisit } from "./run-visit.js";
import { completedTranscript, STRUCTURED_ANSWER, testPlan } from "./test-support/fake-visit-clients.js";
import type { VisitEvent } from "./visit-events.js";

const API = "https://api.test";
const GATEWAY = "https://gateway.test";

function assemblyAi(opts: { polls?: number; fail?: boolean; rolesStatus?: number } = {}) {
  let gets = 0;
  const f = fakeFetch(async (call: RecordedCall) => {
    const route = `${call.method} ${call.url}`;
    if (route === `POST ${API}/v2/upload`) return json({ upload_url: "https://cdn.assemblyai.com/upload/u-1" });
    if (route === `POST ${API}/v2/transcript`) return json({ id: "tr_wire", status: "queued" });
    if (route === `GET ${API}/v2/transcript/tr_wire`) {
      gets++;
      if (gets <= (opts.polls ?? 1)) return json({ id: "tr_wire", status: "processing" });
      return opts.fail ? json({ id: "tr_wire", status: "error", error: "Audio too short" }) : json(completedTranscript("tr_wire"));
    }
    if (route === `POST ${GATEWAY}/v1/understanding`) {
      if (opts.rolesStatus) return json({ error: { code: "unavailable", message: "try later" } }, opts.rolesStatus);
      return json({ speech_understanding: { response: { speaker_identification: { mapping: { A: "clinician", B: "patient" }, status: "completed" } } } });
    }
    if (route === `GET ${GATEWAY}/v1/models`) {
      return json({ object: "list", data: [{ id: "claude-test", available_regions: ["us", "eu"] }, { id: "m", available_regions: ["us"] }] });
    }
    if (route === `POST ${GATEWAY}/v1/chat/completions`) {
      return json({ choices: [{ message: { role: "assistant", content: STRUCTURED_ANSWER }, finish_reason: "stop" }], usage: { prompt_tokens: 90, completion_tokens: 20, total_tokens: 110 } });
    }
    return json({ error: `no route ${route}` }, 404);
  });
  const time = fakeTime();
  const common = { apiKey: "test-key", fetch: f.fetch, baseUrl: API, gatewayBaseUrl: GATEWAY, maxRetries: 0, sleep: time.sleep, now: time.now, random: () => 0 };
  return { calls: f.calls, transcripts: new TranscriptsClient(common), gateway: new GatewayClient(common) };
}

function bodyOf(call: RecordedCall | undefined): Record<string, unknown> {
  return JSON.parse(String(call?.body)) as Record<string, unknown>;
}

describe("runVisit over the real clients", () => {
  it("sends upload, create with the default settings, polls, identifies roles and sends an inline chat request", async () => {
    const { calls, transcripts, gateway } = assemblyAi({ polls: 2 });
    const events: VisitEvent[] = [];
    const plan = await testPlan({ model: "claude-test", identifyRoles: true }, "soap-structured@^2");
    const { note } = await runVisit({ kind: "audio", body: new Uint8Array([73, 68, 51]) }, { transcripts, gateway, plan, onEvent: (e) => events.push(e) });
    expect(calls.map((c) => `${c.method} ${c.url.replace(API, "").replace(GATEWAY, "")}`)).toEqual([
      "POST /v2/upload",
      "POST /v2/transcript",
      "GET /v2/transcript/tr_wire",
      "GET /v2/transcript/tr_wire",
      "GET /v2/transcript/tr_wire",
      "POST /v1/understanding",
      "GET /v1/models",
      "POST /v1/chat/completions",
    ]);
    expect(bodyOf(calls[1])).toEqual({ ...DEFAULT_SOAP_CONFIG.transcription, audio_url: "https://cdn.assemblyai.com/upload/u-1" });
    expect(bodyOf(calls[5])).toMatchObject({ transcript_id: "tr_wire", speech_understanding: { request: { speaker_identification: { speaker_type: "role", known_values: ["clinician", "patient"] } } } });
    const chat = bodyOf(calls[7]);
    expect(chat["model"]).toBe("claude-test");
    expect(chat["transcript_id"]).toBeUndefined();
    expect(JSON.stringify(chat["messages"])).toContain("Speaker A: Good morning, what brings you in today?");
    expect(note.provenance).toMatchObject({ transcript_id: "tr_wire", usage: { input_tokens: 90, output_tokens: 20, total_tokens: 110 } });
    expect(note.sections.subjective.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "B", role: "patient" });
    expect(events.filter((e) => e.stage === "wait" && e.phase === "progress").map((e) => e.detail?.["status"])).toEqual(["processing", "processing", "completed"]);
  });

  it("resumes a transcript id with GETs only and surfaces a failed transcript as TranscriptFailedError", async () => {
    const { calls, transcripts, gateway } = assemblyAi({ fail: true });
    const plan = await testPlan({ model: "m" }, "soap-complete");
    const run = runVisit({ kind: "transcript_id", transcriptId: "tr_wire" }, { transcripts, gateway, plan });
    await expect(run).rejects.toBeInstanceOf(TranscriptFailedError);
    expect(calls.every((c) => c.method === "GET")).toBe(true);
  });

  it("writes the note without roles when /v1/understanding fails", async () => {
    const { calls, transcripts, gateway } = assemblyAi({ rolesStatus: 503 });
    const plan = await testPlan({ model: "m", identifyRoles: true }, "soap-structured@^2");
    const { note } = await runVisit({ kind: "transcript_id", transcriptId: "tr_wire" }, { transcripts, gateway, plan });
    expect(calls.some((c) => c.url.endsWith("/v1/chat/completions"))).toBe(true);
    expect(note.warnings.some((w) => w.message.includes("speaker role identification failed"))).toBe(true);
  });
});
