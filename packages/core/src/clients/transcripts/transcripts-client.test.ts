import { describe, expect, it } from "vitest";
import { BadRequestError, InternalServerError } from "../../errors/api-errors.js";
import { RequestValidationError, ResponseValidationError } from "../../errors/response-validation-error.js";
import { TranscriptCreateUncertainError } from "../../errors/transcript-errors.js";
import { ConnectionError } from "../../errors/transport-errors.js";
import { fakeFetch, fakeTime, json, netError, sequence, transcriptBody, type FakeFetch } from "../../internal/test-support/fake-fetch.js";
import { TranscriptsClient, type TranscriptsClientOptions } from "./transcripts-client.js";

const KEY = "aai-test-key-0987654321";
const ID = "9ea68fd3-f953-42c1-9742-976c447fb463";
const AUDIO = "https://cdn.assemblyai.com/upload/f756988d";

function client(f: FakeFetch, extra: Partial<TranscriptsClientOptions> = {}) {
  const time = fakeTime();
  return new TranscriptsClient({
    apiKey: KEY,
    fetch: f.fetch,
    sleep: time.sleep,
    now: time.now,
    random: () => 0.5,
    defaultSpeechModels: ["universal-3-pro"],
    ...extra,
  });
}

describe("TranscriptsClient.upload", () => {
  it("streams a ReadableStream as is, with duplex half and octet-stream", async () => {
    const f = sequence(json({ upload_url: AUDIO }));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([1, 2, 3]));
        c.close();
      },
    });
    await expect(client(f).upload(stream)).resolves.toEqual({ upload_url: AUDIO });
    const call = f.calls[0]!;
    expect(call.url).toBe("https://api.assemblyai.com/v2/upload");
    expect(call.method).toBe("POST");
    expect(call.body).toBeInstanceOf(ReadableStream); // passed through chunk by chunk, never buffered
    expect(stream.locked).toBe(true);
    expect([...new Uint8Array(await new Response(call.body as ReadableStream).arrayBuffer())]).toEqual([1, 2, 3]);
    expect(call.init.duplex).toBe("half");
    expect(call.headers.get("content-type")).toBe("application/octet-stream");
    expect(call.headers.get("content-length")).toBeNull(); // unknown length: sent chunked
  });

  it("never retries a streamed body and says why", async () => {
    const f = sequence(json({ error: "Service Unavailable" }, 503));
    const err = await client(f)
      .upload(new ReadableStream<Uint8Array>())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect((err as Error).message).toMatch(/stream, which cannot be replayed/);
    expect(f.calls).toHaveLength(1);
  });

  it.each([
    ["Uint8Array", () => new Uint8Array([1, 2])],
    ["ArrayBuffer", () => new Uint8Array([1, 2]).buffer],
    ["Blob", () => new Blob([new Uint8Array([1, 2])])],
  ])("uploads a %s and retries it after a 503", async (_, make) => {
    const f = sequence(json({ error: "x" }, 503), json({ upload_url: AUDIO }));
    const body = make();
    await expect(client(f).upload(body)).resolves.toEqual({ upload_url: AUDIO });
    expect(f.calls).toHaveLength(2);
    // Each attempt streams a fresh copy (so progress can be seen) with the length it knows.
    for (const call of f.calls) {
      expect(call.body).toBeInstanceOf(ReadableStream);
      expect(call.init.duplex).toBe("half");
      expect(call.headers.get("content-length")).toBe("2");
    }
    expect(f.calls[0]!.body).not.toBe(f.calls[1]!.body);
    expect([...new Uint8Array(await new Response(f.calls[1]!.body as ReadableStream).arrayBuffer())]).toEqual([1, 2]);
  });
});

describe("TranscriptsClient.create", () => {
  it("posts the validated parameters as JSON", async () => {
    const f = sequence(json(transcriptBody(ID, "queued")));
    const t = await client(f).create({
      audio_url: AUDIO,
      speech_models: ["universal-3-pro", "universal-2"],
      speaker_labels: true,
      speakers_expected: 2,
      domain: "medical-v1",
      keyterms_prompt: ["metformin"],
      redact_pii: true,
      redact_pii_policies: ["person_name", "date_of_birth"],
      redact_pii_sub: "entity_name",
    });
    expect(t.status).toBe("queued");
    const call = f.calls[0]!;
    expect(call.url).toBe("https://api.assemblyai.com/v2/transcript");
    expect(call.headers.get("content-type")).toBe("application/json");
    const sent = JSON.parse(call.body as string) as Record<string, unknown>;
    expect(sent["speech_models"]).toEqual(["universal-3-pro", "universal-2"]);
    expect(sent["domain"]).toBe("medical-v1");
  });

  it("refuses a field the spec does not document (a typo) at compile time and before sending, naming it", async () => {
    const f = sequence(json(transcriptBody(ID, "queued")));
    const err = await client(f)
      // @ts-expect-error: speaker_label is not a TranscriptParams field (speaker_labels is)
      .create({ audio_url: AUDIO, speech_models: ["universal-3-pro"], speaker_label: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestValidationError);
    expect((err as RequestValidationError).message).toContain("speaker_label");
    expect((err as RequestValidationError).issues).toEqual([expect.objectContaining({ path: [], code: "unrecognized_keys", message: expect.stringContaining('"speaker_label"') })]);
    expect(f.calls).toHaveLength(0);
  });

  it("fills speech_models from configuration and accepts any model name", async () => {
    const f = sequence(json(transcriptBody(ID, "queued")));
    await client(f, { defaultSpeechModels: ["model-from-2031"] }).create({ audio_url: AUDIO });
    expect((JSON.parse(f.calls[0]!.body as string) as { speech_models: string[] }).speech_models).toEqual(["model-from-2031"]);
  });

  it("requires speech_models from the call or the configuration", async () => {
    const f = sequence(json(transcriptBody(ID, "queued")));
    const err = await client(f, { defaultSpeechModels: undefined })
      .create({ audio_url: AUDIO })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestValidationError);
    expect((err as Error).message).toMatch(/defaultSpeechModels/);
    expect(f.calls).toHaveLength(0);
  });

  it.each([
    [{ audio_url: "not a url" }, "audio_url"],
    [{ audio_url: AUDIO, redact_pii: true }, "redact_pii_policies"],
    [{ audio_url: AUDIO, redact_pii: true, redact_pii_policies: ["shoe_size"] }, "redact_pii_policies"],
    [{ audio_url: AUDIO, webhook_auth_header_name: "X-Secret" }, "webhook_auth_header_value"],
    [{ audio_url: AUDIO, speech_models: [] }, "speech_models"],
    [{ audio_url: AUDIO, summary_model: null }, "summary_model"],
    [{ audio_url: AUDIO, speaker_labels: null }, "speaker_labels"],
    [{ audio_url: AUDIO, content_safety_confidence: 101 }, "content_safety_confidence"],
    [{ audio_url: AUDIO, keyterms_prompt: ["one two three four five six seven"] }, "keyterms_prompt"],
    [{ audio_url: AUDIO, language_codes: ["es", "fr"] }, "language_codes"],
    [{ audio_url: AUDIO, speaker_options: { min_speakers_expected: 3, max_speakers_expected: 2 } }, "speaker_options"],
    [{ audio_url: AUDIO, audio_start_from: 5000, audio_end_at: 1000 }, "audio_end_at"],
    [{ audio_url: AUDIO, redact_pii_sub: "entity_type" }, "redact_pii_sub"],
    [{ audio_url: AUDIO, speech_understanding: { request: { speaker_identification: { speaker_type: "role" } } } }, "speech_understanding"],
  ])("rejects invalid parameters before sending (%j)", async (params, field) => {
    const f = sequence(json(transcriptBody(ID, "queued")));
    const err = await client(f)
      .create(params as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestValidationError);
    expect((err as RequestValidationError).issues.some((i) => i.path[0] === field)).toBe(true);
    expect(f.calls).toHaveLength(0);
  });

  it("retries a create answered 429 or 503 (certainly not processed)", async () => {
    const f = sequence(json({ error: "Too Many Requests" }, 429, { "Retry-After": "1" }), json({ error: "x" }, 503), json(transcriptBody(ID, "queued")));
    await expect(client(f).create({ audio_url: AUDIO })).resolves.toMatchObject({ id: ID });
    expect(f.calls).toHaveLength(3);
  });

  it("retries a create whose connection was refused", async () => {
    const f = sequence(netError("ECONNREFUSED"), json(transcriptBody(ID, "queued")));
    await expect(client(f).create({ audio_url: AUDIO })).resolves.toMatchObject({ id: ID });
    expect(f.calls).toHaveLength(2);
  });

  it.each([
    ["a 500", () => json({ error: "Internal Server Error" }, 500)],
    ["a 504", () => json({ error: "Gateway Timeout" }, 504)],
    ["a reset connection", () => netError("ECONNRESET")],
  ])("does not resend a create after %s and says how to find the transcript", async (_, answer) => {
    const f = sequence(answer());
    const err = await client(f)
      .create({ audio_url: AUDIO })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TranscriptCreateUncertainError);
    expect((err as Error).message).toMatch(/list\(/);
    expect((err as Error).message).toMatch(/billed twice/);
    expect(f.calls).toHaveLength(1);
  });

  it("does not resend a create that timed out", async () => {
    const f = sequence("hang");
    const err = await client(f, { timeoutMs: 10 })
      .create({ audio_url: AUDIO })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TranscriptCreateUncertainError);
    expect(f.calls).toHaveLength(1);
  });

  it("says the transcript probably exists when a 200 create answer does not validate", async () => {
    const f = sequence(json({ id: ID, status: "mystery" }));
    const err = await client(f)
      .create({ audio_url: AUDIO })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect((err as Error).message).toMatch(/probably exists/);
  });

  it("throws the plain error when the create was refused for good (400)", async () => {
    const f = sequence(json({ error: "format_text must be a Boolean" }, 400));
    await expect(client(f).create({ audio_url: AUDIO })).rejects.toBeInstanceOf(BadRequestError);
    expect(f.calls).toHaveLength(1);
  });

  it("throws the last error when retries on a certain-not-processed create run out", async () => {
    const f = sequence(netError("ECONNREFUSED"));
    await expect(client(f, { maxRetries: 1 }).create({ audio_url: AUDIO })).rejects.toBeInstanceOf(ConnectionError);
    expect(f.calls).toHaveLength(2);
  });

  it("never puts the webhook secret or key in an error, even when the server echoes them", async () => {
    const secret = "whsec-super-secret-value";
    const f = sequence(json({ error: `bad header ${secret} for key ${KEY}` }, 400));
    const err = (await client(f)
      .create({ audio_url: AUDIO, webhook_url: "https://example.com/hook", webhook_auth_header_name: "X-Hook", webhook_auth_header_value: secret })
      .catch((e: unknown) => e)) as BadRequestError;
    expect(err.message).not.toContain(secret);
    expect(err.message).not.toContain(KEY);
    expect(JSON.stringify(err.body)).not.toContain(secret);
  });
});

describe("TranscriptsClient reads", () => {
  it.each([
    ["get", "GET", `/v2/transcript/${ID}`, transcriptBody(ID, "completed")],
    ["delete", "DELETE", `/v2/transcript/${ID}`, transcriptBody(ID, "completed", { text: "Deleted by user." })],
    ["sentences", "GET", `/v2/transcript/${ID}/sentences`, { id: ID, confidence: 0.9, audio_duration: 3, sentences: [] }],
    ["paragraphs", "GET", `/v2/transcript/${ID}/paragraphs`, { id: ID, confidence: 0.9, audio_duration: 3, paragraphs: [] }],
    ["redactedAudio", "GET", `/v2/transcript/${ID}/redacted-audio`, { status: "redacted_audio_ready", redacted_audio_url: "https://x/a.mp3" }],
  ] as const)("%s calls %s %s and returns the validated body", async (method, verb, path, body) => {
    const f = sequence(json(body));
    const c = client(f);
    const result = await c[method](ID);
    expect(result).toEqual(body);
    expect(f.calls[0]!.method).toBe(verb);
    expect(f.calls[0]!.url).toBe(`https://api.assemblyai.com${path}`);
  });

  it("searches words with a comma-separated words query", async () => {
    const body = { id: ID, total_count: 1, matches: [{ text: "knee", count: 1, timestamps: [[250, 650]], indexes: [0] }] };
    const f = sequence(json(body));
    await expect(client(f).wordSearch(ID, ["knee", "left hip"])).resolves.toEqual(body);
    const url = new URL(f.calls[0]!.url);
    expect(url.pathname).toBe(`/v2/transcript/${ID}/word-search`);
    expect(url.searchParams.get("words")).toBe("knee,left hip");
    await expect(client(f).wordSearch(ID, [])).rejects.toBeInstanceOf(RequestValidationError);
  });

  it("returns SRT/VTT subtitles as text, asking for text/plain", async () => {
    const vtt = "WEBVTT\n00:12.340 --> 00:16.220\nHello";
    const f = sequence(new Response(vtt, { headers: { "content-type": "text/plain" } }));
    await expect(client(f).subtitles(ID, "vtt", { charsPerCaption: 32 })).resolves.toBe(vtt);
    expect(f.calls[0]!.url).toBe(`https://api.assemblyai.com/v2/transcript/${ID}/vtt?chars_per_caption=32`);
    expect(f.calls[0]!.headers.get("accept")).toBe("text/plain");
    await expect(client(f).subtitles(ID, "docx" as "srt")).rejects.toBeInstanceOf(RequestValidationError);
  });

  it("retries a read after a 502", async () => {
    const f = sequence(json({ error: "x" }, 502), json(transcriptBody(ID, "processing")));
    await expect(client(f).get(ID)).resolves.toMatchObject({ status: "processing" });
    expect(f.calls).toHaveLength(2);
  });

  it("rejects a transcript whose known fields have the wrong type", async () => {
    const f = sequence(json(transcriptBody(ID, "completed", { words: [{ text: "hi", start: "0" }] })));
    const err = (await client(f)
      .get(ID)
      .catch((e: unknown) => e)) as ResponseValidationError;
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues.some((i) => i.path[0] === "words")).toBe(true);
  });

  it("rejects an empty id and escapes odd ones", async () => {
    const f = sequence(json(transcriptBody("a/b", "queued")));
    await expect(client(f).get(" ")).rejects.toBeInstanceOf(RequestValidationError);
    await client(f).get("a/b");
    expect(f.calls[0]!.url).toBe("https://api.assemblyai.com/v2/transcript/a%2Fb");
  });

  it("talks to the EU host for region eu and to an explicit baseUrl over it", async () => {
    const f = sequence(json(transcriptBody(ID, "queued")));
    await client(f, { region: "eu" }).get(ID);
    await client(f, { region: "eu", baseUrl: "http://127.0.0.1:8787" }).get(ID);
    expect(f.calls.map((c) => new URL(c.url).origin)).toEqual(["https://api.eu.assemblyai.com", "http://127.0.0.1:8787"]);
  });
});

describe("TranscriptsClient.list", () => {
  const item = (id: string) => ({
    id,
    resource_url: `https://api.assemblyai.com/v2/transcript/${id}`,
    status: "completed",
    created: "2024-03-11T21:29:59.936851",
    completed: null,
    audio_url: AUDIO,
    error: null,
  });
  const page = (ids: string[], prev: string | null) => ({
    page_details: { limit: 2, result_count: ids.length, current_url: "https://api.assemblyai.com/v2/transcript?limit=2", prev_url: prev, next_url: null },
    transcripts: ids.map(item),
  });

  it("iterates every transcript across pages following prev_url", async () => {
    const f = sequence(
      json(page(["t4", "t3"], "https://api.assemblyai.com/v2/transcript?limit=2&before_id=t3")),
      json(page(["t2", "t1"], "https://api.assemblyai.com/v2/transcript?limit=2&before_id=t1")),
      json(page([], null)),
    );
    const ids: string[] = [];
    for await (const t of client(f).list({ limit: 2, status: "completed" })) ids.push(t.id);
    expect(ids).toEqual(["t4", "t3", "t2", "t1"]);
    const queries = f.calls.map((c) => Object.fromEntries(new URL(c.url).searchParams));
    expect(queries[0]).toEqual({ limit: "2", status: "completed" });
    expect(queries[1]).toMatchObject({ limit: "2", before_id: "t3" });
    expect(queries[2]).toMatchObject({ before_id: "t1" });
  });

  it("yields whole pages and stops when prev_url is null", async () => {
    const f = sequence(json(page(["t1"], null)));
    const pages = [];
    for await (const p of client(f).list().pages()) pages.push(p);
    expect(pages).toHaveLength(1);
    expect(f.calls).toHaveLength(1);
  });

  it("never sends the key to a host named in prev_url", async () => {
    const f = sequence(json(page(["t2"], "https://evil.example.com/v2/transcript?before_id=t2")), json(page([], null)));
    for await (const _ of client(f, { region: "eu" }).list()) void _;
    expect(f.calls.map((c) => new URL(c.url).host)).toEqual(["api.eu.assemblyai.com", "api.eu.assemblyai.com"]);
  });

  it("stops instead of looping when the server repeats the same page", async () => {
    const f = sequence(json(page(["t2"], "https://api.assemblyai.com/v2/transcript?before_id=t2")));
    let n = 0;
    for await (const _ of client(f).list()) n++;
    expect(n).toBe(2);
    expect(f.calls).toHaveLength(2);
  });

  it("rejects a limit outside 1..200", () => {
    const f = fakeFetch(() => json({}));
    expect(() => client(f).list({ limit: 500 })).toThrow(RequestValidationError);
  });
});
