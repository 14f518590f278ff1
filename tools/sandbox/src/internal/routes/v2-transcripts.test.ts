import { describe, expect, it, vi } from "vitest";
import { createSandbox, TRANSCRIPT_LOOKUP_ERROR, UNKNOWN_AUDIO_HELP } from "../../index.js";
import { U3, api, type Json } from "../test-support/http.js";
import { manualTime, tinyAudio, tinyFixture } from "../test-support/fixtures.js";

async function setup(extra: Parameters<typeof createSandbox>[0] = {}) {
  const time = manualTime();
  const sb = createSandbox({ fixtures: [await tinyFixture()], clock: time.clock, scheduler: time.scheduler, queuedMs: 50, processingMs: 200, ...extra });
  return { sb, time, a: api(sb) };
}

describe("auth", () => {
  it("answers 401 with AssemblyAI's body when the key is missing or unknown", async () => {
    const { sb } = await setup();
    const missing = await sb.fetch("https://api.assemblyai.com/v2/transcript");
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: "Authentication error, API token missing/invalid" });
    const wrong = await api(sb, "not-a-key").get("/v2/transcript");
    expect(wrong.status).toBe(401);
  });

  it("rejects a Bearer-prefixed key: the API wants the raw key", async () => {
    const { sb } = await setup();
    expect((await api(sb, `Bearer ${sb.apiKey}`).get("/v2/transcript")).status).toBe(401);
  });

  it("accepts the configured keys", async () => {
    const { sb } = await setup({ apiKeys: ["k1", "k2"] });
    expect((await api(sb, "k2").get("/v2/transcript")).status).toBe(200);
    expect((await api(sb, "sandbox-demo-key").get("/v2/transcript")).status).toBe(401);
  });
});

describe("upload and create", () => {
  it("answers an upload_url under publicBaseUrl and recognises the fixture by SHA-256", async () => {
    const { sb, a, time } = await setup({ publicBaseUrl: "https://cdn.sandbox.test" });
    const up = await a.upload();
    expect(up.json["upload_url"]).toMatch(/^https:\/\/cdn\.sandbox\.test\/upload\/[0-9a-f-]{36}$/);
    const created = await a.post("/v2/transcript", { ...U3, audio_url: up.json["upload_url"] });
    expect(created.status).toBe(200);
    expect(created.json["status"]).toBe("queued");
    expect(created.json["text"]).toBeNull();
    time.advance(300);
    sb.advance();
    expect((await a.get(`/v2/transcript/${created.json["id"]}`)).json["status"]).toBe("completed");
  });

  it("maps an https URL whose last path segment is a fixture file name", async () => {
    const { a, time } = await setup();
    const created = await a.post("/v2/transcript", { ...U3, audio_url: "https://files.example.com/x/tiny-visit.mp3?sig=1" });
    time.advance(1000);
    const got = await a.get(`/v2/transcript/${created.json["id"]}`);
    expect(got.json["status"]).toBe("completed");
    expect(got.json["text"]).toContain("knee pain");
  });

  it("fails unknown audio with an error saying the sandbox only knows its fixtures", async () => {
    const { a, time } = await setup();
    const up = await a.upload(new TextEncoder().encode("something else"));
    const created = await a.post("/v2/transcript", { ...U3, audio_url: up.json["upload_url"] });
    expect(created.status).toBe(200);
    time.advance(1000);
    const got = await a.get(`/v2/transcript/${created.json["id"]}`);
    expect(got.json["status"]).toBe("error");
    expect(got.json["error"]).toContain(UNKNOWN_AUDIO_HELP);
    expect(got.json["text"]).toBeNull();
  });

  it("answers 400 with an {error} body for bad fields", async () => {
    const { a } = await setup();
    const noUrl = await a.post("/v2/transcript", { ...U3, speaker_labels: true });
    expect(noUrl.status).toBe(400);
    expect(noUrl.json["error"]).toContain("audio_url");
    const badType = await a.post("/v2/transcript", { ...U3, audio_url: "https://x/tiny-visit.mp3", speaker_labels: "yes" });
    expect(badType.status).toBe(400);
    expect(badType.json["error"]).toContain("speaker_labels");
    const unknown = await a.post("/v2/transcript", { ...U3, audio_url: "https://x/tiny-visit.mp3", colour: "blue" });
    expect(unknown.status).toBe(400);
    expect(unknown.json["error"]).toContain("colour");
    const badPolicy = await a.post("/v2/transcript", { ...U3, audio_url: "https://x/a.mp3", redact_pii: true, redact_pii_policies: ["names"] });
    expect(badPolicy.status).toBe(400);
    const notJson = await a.call("POST", "/v2/transcript", undefined);
    expect(notJson.status).toBe(400);
    expect(Object.keys(notJson.json)).toEqual(["error"]);
  });

  it("answers 403 Cannot access uploaded file for another key's upload", async () => {
    const { sb } = await setup({ apiKeys: ["k1", "k2"] });
    const up = await api(sb, "k1").upload();
    const res = await api(sb, "k2").post("/v2/transcript", { ...U3, audio_url: up.json["upload_url"] });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: "Cannot access uploaded file" });
  });

  it("echoes request options and reports speech_model_used", async () => {
    const { a, time } = await setup();
    const created = await a.create({ speech_models: ["universal-2", "universal-3-pro"], speaker_labels: true, webhook_url: "https://hooks.example/x", webhook_auth_header_name: "X-Secret", webhook_auth_header_value: "s3cret", language_code: "en_us", keyterms_prompt: ["meniscus"] });
    expect(created.json).toMatchObject({ speaker_labels: true, webhook_url: "https://hooks.example/x", webhook_auth: true, webhook_auth_header_name: "X-Secret", speech_models: ["universal-2", "universal-3-pro"], keyterms_prompt: ["meniscus"] });
    expect(created.text).not.toContain("s3cret");
    time.advance(1000);
    const got = await a.get(`/v2/transcript/${created.json["id"]}`);
    expect(got.json["speech_model_used"]).toBe("universal-2");
    expect(got.json["audio_duration"]).toBeGreaterThan(0);
    expect(Number.isInteger(got.json["audio_duration"])).toBe(true);
  });
});

describe("lifecycle", () => {
  it("goes queued -> processing -> completed as the clock moves", async () => {
    const { a, time } = await setup();
    const id = (await a.create()).json["id"];
    const status = async () => (await a.get(`/v2/transcript/${id}`)).json["status"];
    expect(await status()).toBe("queued");
    time.advance(50);
    expect(await status()).toBe("processing");
    time.advance(199);
    expect(await status()).toBe("processing");
    time.advance(1);
    expect(await status()).toBe("completed");
  });

  it("completes on its own with real timers and zero durations", async () => {
    const sb = createSandbox({ fixtures: [await tinyFixture()], queuedMs: 0, processingMs: 0 });
    const a = api(sb);
    const id = (await a.create()).json["id"];
    // Polls (not one fixed sleep), so a loaded machine's slow timers cannot fail it.
    await vi.waitFor(() => expect(sb.state.transcripts.get(id)?.status).toBe("completed"), { timeout: 4000, interval: 10 });
    sb.close();
  });

  it("marks jobs over the concurrency limit throttled and runs them when a slot frees", async () => {
    const { a, time } = await setup({ concurrency: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await a.create()).json["id"]);
    const third = await a.get(`/v2/transcript/${ids[2]}`);
    expect(third.json).toMatchObject({ status: "queued", throttled: true });
    expect((await a.get(`/v2/transcript/${ids[0]}`)).json["throttled"]).toBe(false);
    time.advance(50);
    expect((await a.get(`/v2/transcript/${ids[2]}`)).json["status"]).toBe("queued");
    expect((await a.get(`/v2/transcript/${ids[0]}`)).json["status"]).toBe("processing");
    time.advance(200);
    expect((await a.get(`/v2/transcript/${ids[2]}`)).json["status"]).toBe("processing");
    time.advance(200);
    expect((await a.get(`/v2/transcript/${ids[2]}`)).json["status"]).toBe("completed");
  });

  it("ends in error with the fault plan's transcript_error", async () => {
    const { sb, a, time } = await setup();
    sb.faults.add({ route: "create", kind: "transcript_error", times: 1, message: "Injected failure" });
    const failing = (await a.create()).json["id"];
    const fine = (await a.create()).json["id"];
    time.advance(1000);
    expect((await a.get(`/v2/transcript/${failing}`)).json).toMatchObject({ status: "error", error: "Injected failure" });
    expect((await a.get(`/v2/transcript/${fine}`)).json["status"]).toBe("completed");
  });

  it("counts transcripts created and calls per route", async () => {
    const { sb, a } = await setup();
    await a.create();
    await a.create();
    await a.get("/v2/transcript");
    expect(sb.counters.transcriptsCreated).toBe(2);
    expect(sb.counters.route("create")).toEqual({ calls: 2, statuses: { "200": 2 } });
    expect(sb.counters.route("upload").calls).toBe(2);
    expect(sb.counters.calls("list")).toBe(1);
  });
});

describe("speaker labels and redaction", () => {
  async function completed(params: Record<string, unknown>) {
    const { a, time } = await setup();
    const id = (await a.create(params)).json["id"];
    time.advance(1000);
    return (await a.get(`/v2/transcript/${id}`)).json;
  }

  it("without speaker_labels, words have speaker null and there are no utterances", async () => {
    const t = await completed({});
    expect(t["utterances"]).toBeNull();
    expect(t["words"].every((w: Json) => w["speaker"] === null)).toBe(true);
  });

  it("with speaker_labels, utterances are runs of one speaker", async () => {
    const t = await completed({ speaker_labels: true });
    const speakers = t["utterances"].map((u: Json) => u["speaker"]);
    expect(speakers).toEqual(["A", "B", "A", "B"]);
    for (const u of t["utterances"]) {
      expect(u["text"]).toBe(u["words"].map((w: Json) => w["text"]).join(" "));
      expect(u["words"].every((w: Json) => w["speaker"] === u["speaker"])).toBe(true);
    }
  });

  it("hash replaces each redacted word's characters with # of the same length in text, words and utterances", async () => {
    const t = await completed({ speaker_labels: true, redact_pii: true, redact_pii_policies: ["person_name", "phone_number"], redact_pii_sub: "hash" });
    expect(t["text"]).toContain("my name is #### ######, born March 7, 1961.");
    expect(t["text"]).toContain("Doctor #####.");
    expect(t["text"]).toContain("at ############ if");
    expect(t["text"]).not.toMatch(/John|Carter|Reyes|555-123-4567/);
    expect(t["words"].map((w: Json) => w["text"]).join(" ")).toBe(t["text"]);
    expect(t["utterances"].map((u: Json) => u["text"]).join(" ")).toBe(t["text"]);
    expect(JSON.stringify(t["utterances"])).not.toMatch(/John|Carter/);
    expect(t["redact_pii_sub"]).toBe("hash");
  });

  it("entity_name replaces redacted words with the upper-case policy name in text, words and utterances", async () => {
    const t = await completed({ speaker_labels: true, redact_pii: true, redact_pii_policies: ["person_name", "date_of_birth"], redact_pii_sub: "entity_name" });
    expect(t["text"]).toContain("my name is [PERSON_NAME] [PERSON_NAME], born [DATE_OF_BIRTH] [DATE_OF_BIRTH], [DATE_OF_BIRTH].");
    expect(t["text"]).toContain("555-123-4567");
    expect(t["words"].map((w: Json) => w["text"]).join(" ")).toBe(t["text"]);
    expect(t["utterances"][1]["text"]).toContain("[PERSON_NAME]");
    expect(t["utterances"][1]["words"].some((w: Json) => w["text"] === "[PERSON_NAME],")).toBe(true);
  });

  it("redact_pii without policies leaves the text unchanged (the docs' troubleshooting case)", async () => {
    const t = await completed({ redact_pii: true });
    expect(t["text"]).toContain("John Carter");
  });
});

describe("delete", () => {
  it("scrubs the transcript and deletes the upload", async () => {
    const { a, time } = await setup();
    const up = await a.upload();
    const id = (await a.post("/v2/transcript", { ...U3, audio_url: up.json["upload_url"], speaker_labels: true, webhook_url: "https://h.example/x" })).json["id"];
    time.advance(1000);
    const deleted = await a.del(`/v2/transcript/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ id, text: "Deleted by user.", words: null, utterances: null, audio_url: "http://deleted_by_user", webhook_url: "http://deleted_by_user" });
    const again = await a.get(`/v2/transcript/${id}`);
    expect(again.json["text"]).toBe("Deleted by user.");
    expect(again.text).not.toContain("knee");
    const reuse = await a.post("/v2/transcript", { ...U3, audio_url: up.json["upload_url"] });
    time.advance(1000);
    expect((await a.get(`/v2/transcript/${reuse.json["id"]}`)).json["status"]).toBe("error");
    expect((await a.get(`/v2/transcript/${id}/sentences`)).status).toBe(400);
  });

  it("refuses to delete a job that is still processing", async () => {
    const { a } = await setup();
    const id = (await a.create()).json["id"];
    expect((await a.del(`/v2/transcript/${id}`)).status).toBe(400);
  });

  it("refuses another key's transcript with the lookup error, as if it did not exist", async () => {
    const { sb } = await setup({ apiKeys: ["k1", "k2"] });
    const id = (await api(sb, "k1").create()).json["id"];
    const other = await api(sb, "k2").get(`/v2/transcript/${id}`);
    expect(other.status).toBe(400);
    expect(other.json).toEqual({ error: "Transcript lookup error, transcript id not found" });
    expect((await api(sb, "k1").get(`/v2/transcript/${id}`)).status).toBe(200);
  });
});

describe("unknown transcript ids on every by-id route", () => {
  const UNKNOWN = "6a9b3c3e-1111-4a4a-9f9f-000000000000";
  const ROUTES: [string, string][] = [
    ["GET", ""],
    ["DELETE", ""],
    ["GET", "/sentences"],
    ["GET", "/paragraphs"],
    ["GET", "/redacted-audio"],
    ["GET", "/word-search?words=knee"],
    ["GET", "/srt"],
    ["GET", "/vtt"],
  ];

  it.each(ROUTES)("%s /v2/transcript/{unknown}%s answers the errors guide's 400 lookup error by default", async (method, suffix) => {
    const { a } = await setup();
    const res = await a.call(method, `/v2/transcript/${UNKNOWN}${suffix}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: TRANSCRIPT_LOOKUP_ERROR });
    expect(TRANSCRIPT_LOOKUP_ERROR).toBe("Transcript lookup error, transcript id not found");
  });

  it.each(ROUTES)("%s /v2/transcript/{unknown}%s answers 404 with the same body under notFoundStatus: 404", async (method, suffix) => {
    const { a } = await setup({ notFoundStatus: 404 });
    const res = await a.call(method, `/v2/transcript/${UNKNOWN}${suffix}`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: TRANSCRIPT_LOOKUP_ERROR });
  });

  it("looks the id up before checking the query (an unknown id with a bad query is still a lookup error)", async () => {
    const { a } = await setup();
    expect((await a.get(`/v2/transcript/${UNKNOWN}/word-search`)).json).toEqual({ error: TRANSCRIPT_LOOKUP_ERROR });
    expect((await a.get(`/v2/transcript/${UNKNOWN}/srt?chars_per_caption=0`)).json).toEqual({ error: TRANSCRIPT_LOOKUP_ERROR });
  });
});

describe("word search and subtitles", () => {
  async function completed(params: Record<string, unknown> = {}) {
    const { a, time, sb } = await setup();
    const id = (await a.create(params)).json["id"] as string;
    time.advance(1000);
    return { a, id, sb, transcript: (await a.get(`/v2/transcript/${id}`)).json };
  }

  it("finds words and phrases by case and punctuation-free match, with timestamps and word indexes", async () => {
    const { a, id, transcript } = await completed();
    const res = await a.get(`/v2/transcript/${id}/word-search?words=${encodeURIComponent("KNEE,two weeks,giraffe")}`);
    expect(res.status).toBe(200);
    const words = transcript["words"] as Json[];
    const at = (i: number) => [words[i]?.["start"], words[i]?.["end"]];
    const knee = words.flatMap((w, i) => (/^knee\W*$/i.test(w["text"] as string) ? [i] : []));
    expect(knee.length).toBeGreaterThan(0);
    expect(res.json["id"]).toBe(id);
    expect(res.json["matches"][0]).toEqual({ text: "KNEE", count: knee.length, timestamps: knee.map(at), indexes: knee });
    const two = res.json["matches"][1];
    expect(two.count).toBe(2);
    for (const [k, i] of (two.indexes as number[]).entries()) {
      expect(words[i]?.["text"]).toBe("two");
      expect(two.timestamps[k]).toEqual([words[i]?.["start"], words[i + 1]?.["end"]]);
    }
    expect(res.json["matches"][2]).toEqual({ text: "giraffe", count: 0, timestamps: [], indexes: [] });
    expect(res.json["total_count"]).toBe(knee.length + 2);
  });

  it("searches the redacted words, so redacted PII is not found", async () => {
    const { a, id } = await completed({ redact_pii: true, redact_pii_policies: ["person_name"] });
    const res = await a.get(`/v2/transcript/${id}/word-search?words=Carter`);
    expect(res.json["total_count"]).toBe(0);
  });

  it("answers 400 without words, for a phrase over five words, and before completion", async () => {
    const { a, time } = await setup();
    const id = (await a.create()).json["id"] as string;
    expect((await a.get(`/v2/transcript/${id}/word-search?words=knee`)).status).toBe(400);
    time.advance(1000);
    expect((await a.get(`/v2/transcript/${id}/word-search`)).status).toBe(400);
    expect((await a.get(`/v2/transcript/${id}/word-search?words=${encodeURIComponent("a b c d e f")}`)).status).toBe(400);
    expect((await a.get(`/v2/transcript/${id}/word-search?words=${encodeURIComponent("a b c d e")}`)).status).toBe(200);
  });

  it("exports SRT and VTT captions of at most chars_per_caption characters, covering every word in order", async () => {
    const { a, id, transcript } = await completed();
    const srt = await a.get(`/v2/transcript/${id}/srt?chars_per_caption=40`);
    expect(srt.status).toBe(200);
    expect(srt.headers.get("content-type")).toContain("text/plain");
    expect(srt.text).toMatch(/^1\n00:00:00,000 --> 00:00:\d\d,\d{3}\n\S/);
    const cues = srt.text.trim().split("\n\n").map((cue) => cue.split("\n"));
    expect(cues.map((c) => c[0])).toEqual(cues.map((_, i) => String(i + 1)));
    for (const c of cues) expect(c[2]!.length).toBeLessThanOrEqual(40);
    expect(cues.map((c) => c[2]).join(" ")).toBe(transcript["text"]);
    const vtt = await a.get(`/v2/transcript/${id}/vtt`);
    expect(vtt.text).toMatch(/^WEBVTT\n\n00:00\.000 --> \d\d:\d\d\.\d{3}\n\S/);
    expect((await a.get(`/v2/transcript/${id}/vtt?chars_per_caption=abc`)).status).toBe(400);
  });

  it("answers 400 for subtitles before completion and after deletion", async () => {
    const { a, time } = await setup();
    const id = (await a.create()).json["id"] as string;
    expect((await a.get(`/v2/transcript/${id}/srt`)).status).toBe(400);
    time.advance(1000);
    expect((await a.del(`/v2/transcript/${id}`)).status).toBe(200);
    expect((await a.get(`/v2/transcript/${id}/vtt`)).status).toBe(400);
    expect((await a.get(`/v2/transcript/${id}/word-search?words=knee`)).status).toBe(400);
  });
});

describe("sentences, paragraphs, redacted audio", () => {
  it("splits sentences at sentence ends and paragraphs at speaker turns", async () => {
    const { a, time } = await setup();
    const id = (await a.create({ speaker_labels: true })).json["id"];
    expect((await a.get(`/v2/transcript/${id}/sentences`)).status).toBe(400);
    time.advance(1000);
    const s = (await a.get(`/v2/transcript/${id}/sentences`)).json;
    expect(s["sentences"][0]["text"]).toBe("Good morning, I am Doctor Reyes.");
    expect(s["sentences"][1]["text"]).toBe("What brings you in today?");
    expect(s["sentences"].map((x: Json) => x["text"]).join(" ")).toBe((await a.get(`/v2/transcript/${id}`)).json["text"]);
    const p = (await a.get(`/v2/transcript/${id}/paragraphs`)).json;
    expect(p["paragraphs"]).toHaveLength(4);
  });

  it("gives redacted audio only when redact_pii_audio was set", async () => {
    const { a, time } = await setup();
    const plain = (await a.create({})).json["id"];
    const redacted = (await a.create({ redact_pii: true, redact_pii_policies: ["person_name"], redact_pii_audio: true })).json["id"];
    time.advance(1000);
    expect((await a.get(`/v2/transcript/${plain}/redacted-audio`)).status).toBe(400);
    const ok = await a.get(`/v2/transcript/${redacted}/redacted-audio`);
    expect(ok.json).toEqual({ status: "redacted_audio_ready", redacted_audio_url: expect.stringContaining(redacted) });
  });
});

describe("list", () => {
  it("pages newest first with prev_url to older and next_url to newer transcripts", async () => {
    const { a, time } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await a.create()).json["id"]);
      time.advance(10);
    }
    const first = await a.get("/v2/transcript?limit=2");
    expect(first.json["transcripts"].map((t: Json) => t["id"])).toEqual([ids[4], ids[3]]);
    expect(first.json["page_details"]).toMatchObject({ limit: 2, result_count: 2, next_url: null });
    const prev = new URL(first.json["page_details"]["prev_url"]);
    const older = await a.get(`${prev.pathname}${prev.search}`);
    expect(older.json["transcripts"].map((t: Json) => t["id"])).toEqual([ids[2], ids[1]]);
    const next = new URL(older.json["page_details"]["next_url"]);
    const back = await a.get(`${next.pathname}${next.search}`);
    expect(back.json["transcripts"].map((t: Json) => t["id"])).toEqual([ids[4], ids[3]]);
    const last = await a.get(`/v2/transcript?limit=2&before_id=${ids[1]}`);
    expect(last.json["transcripts"].map((t: Json) => t["id"])).toEqual([ids[0]]);
    expect(last.json["page_details"]["prev_url"]).toBeNull();
  });

  it("filters by status and created_on and validates the query", async () => {
    const { a, time } = await setup();
    await a.create();
    time.advance(1000);
    await a.create();
    expect((await a.get("/v2/transcript?status=completed")).json["transcripts"]).toHaveLength(1);
    expect((await a.get("/v2/transcript?created_on=2026-01-15")).json["transcripts"]).toHaveLength(2);
    expect((await a.get("/v2/transcript?created_on=2026-01-16")).json["transcripts"]).toHaveLength(0);
    expect((await a.get("/v2/transcript?limit=0")).status).toBe(400);
    expect((await a.get("/v2/transcript?limit=201")).status).toBe(400);
    expect((await a.get("/v2/transcript?status=done")).status).toBe(400);
    const item = (await a.get("/v2/transcript")).json["transcripts"][0];
    expect(item["created"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+$/);
  });
});

describe("fixture upload bytes", () => {
  it("treats the same bytes from two uploads as the same fixture", async () => {
    const { a, time } = await setup();
    const one = (await a.post("/v2/transcript", { ...U3, audio_url: (await a.upload(tinyAudio())).json["upload_url"] })).json["id"];
    const two = (await a.post("/v2/transcript", { ...U3, audio_url: (await a.upload(tinyAudio())).json["upload_url"] })).json["id"];
    time.advance(1000);
    expect((await a.get(`/v2/transcript/${one}`)).json["text"]).toBe((await a.get(`/v2/transcript/${two}`)).json["text"]);
  });
});

describe("the speechModels option", () => {
  it("accepts the configured speech models only, with their rules", async () => {
    const custom = { name: "universal-9", label: "Universal-9", keytermsMax: 3, prompt: false, temperature: false, removeAudioTags: false };
    const { sb, a } = await setup({ speechModels: [custom] });
    const audio_url = (await a.upload(tinyAudio())).json["upload_url"] as string;
    const ok = await a.post("/v2/transcript", { speech_models: ["universal-9"], audio_url, keyterms_prompt: ["ibuprofen"] });
    expect(ok.status).toBe(200);
    const refused = await a.post("/v2/transcript", { ...U3, audio_url });
    expect(refused.status).toBe(400);
    // The refusal names the field and what this sandbox accepts (never the submitted value).
    expect(refused.json["error"]).toMatch(/^Invalid value for "speech_models\.0": unknown speech model \(.*universal-9.*\)$/);
    const tooMany = await a.post("/v2/transcript", { speech_models: ["universal-9"], audio_url, keyterms_prompt: ["a", "b", "c", "d"] });
    expect(tooMany.status).toBe(400);
    expect(sb.counters.transcriptsCreated).toBe(1);
  });
});
