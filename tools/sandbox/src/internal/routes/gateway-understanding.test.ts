import { describe, expect, it } from "vitest";
import { createSandbox } from "../../index.js";
import { api, type Json } from "../test-support/http.js";
import { manualTime, tinyFixture } from "../test-support/fixtures.js";

async function setup(params: Record<string, unknown> = { speaker_labels: true }) {
  const time = manualTime();
  const sb = createSandbox({ fixtures: [await tinyFixture()], clock: time.clock, scheduler: time.scheduler, queuedMs: 0, processingMs: 0 });
  const a = api(sb);
  const id = (await a.create(params)).json["id"] as string;
  return { sb, a, id };
}

const body = (id: string, sid: Record<string, unknown>) => ({ transcript_id: id, speech_understanding: { request: { speaker_identification: sid } } });

describe("POST /v1/understanding", () => {
  it("maps speakers to roles from the fixture's speakers map", async () => {
    const { a, id } = await setup();
    const res = await a.post("/v1/understanding", body(id, { speaker_type: "role", known_values: ["patient", "doctor"] }));
    expect(res.status).toBe(200);
    expect(res.json["speech_understanding"]["response"]["speaker_identification"]).toEqual({ mapping: { A: "doctor", B: "patient" }, status: "completed" });
    expect(res.json["utterances"].map((u: Json) => u["speaker"])).toEqual(["doctor", "patient", "doctor", "patient"]);
    expect(res.json["words"][0]["speaker"]).toBe("doctor");
    expect(res.json["speech_understanding"]["request"]).toEqual({ speaker_identification: { speaker_type: "role", known_values: ["patient", "doctor"] } });
  });

  it("matches exact role names and accepts speakers objects", async () => {
    const { a, id } = await setup();
    const res = await a.post("/v1/understanding", body(id, { speaker_type: "role", speakers: [{ role: "patient" }, { role: "clinician", description: "asks questions" }] }));
    expect(res.json["speech_understanding"]["response"]["speaker_identification"]["mapping"]).toEqual({ A: "clinician", B: "patient" });
  });

  it("answers 404 for an unknown transcript and 400 without speaker labels", async () => {
    const { a, id } = await setup({});
    expect((await a.post("/v1/understanding", body("nope", { speaker_type: "role", known_values: ["x"] }))).status).toBe(404);
    const res = await a.post("/v1/understanding", body(id, { speaker_type: "role", known_values: ["clinician", "patient"] }));
    expect(res.status).toBe(400);
    expect(res.json["error"]["code"]).toBe(400);
  });

  it("answers an empty mapping, labels unchanged, when there is nothing to assign (speaker_type name alone)", async () => {
    const { a, id } = await setup();
    const res = await a.post("/v1/understanding", body(id, { speaker_type: "name" }));
    expect(res.status).toBe(200);
    expect(res.json["speech_understanding"]["response"]["speaker_identification"]).toEqual({ mapping: {}, status: "completed" });
    expect(res.json["utterances"].map((u: Json) => u["speaker"])).toEqual(["A", "B", "A", "B"]);
  });

  it("checks a translation request before answering that it is not emulated, and takes one task only", async () => {
    const { a, id } = await setup();
    const bad = await a.post("/v1/understanding", { transcript_id: id, speech_understanding: { request: { translation: { formal: true } } } });
    expect(bad.json["error"]["message"]).toBe("Invalid request: missing required field 'speech_understanding.request.translation.target_languages'");
    const valid = await a.post("/v1/understanding", { transcript_id: id, speech_understanding: { request: { translation: { target_languages: ["es"] } } } });
    expect(valid.status).toBe(400);
    expect(valid.json["error"]["message"]).toContain("'translation' is valid but not emulated");
    const two = await a.post("/v1/understanding", { transcript_id: id, speech_understanding: { request: { translation: { target_languages: ["es"] }, speaker_identification: { speaker_type: "name" } } } });
    expect(two.json["error"]["message"]).toContain("must give exactly one of");
  });

  it("rejects known values over 35 characters and tasks it does not emulate", async () => {
    const { a, id } = await setup();
    expect((await a.post("/v1/understanding", body(id, { speaker_type: "role", known_values: ["x".repeat(36)] }))).status).toBe(400);
    expect((await a.post("/v1/understanding", { transcript_id: id, speech_understanding: { request: { translation: { target_languages: ["es"] } } } })).status).toBe(400);
  });
});
