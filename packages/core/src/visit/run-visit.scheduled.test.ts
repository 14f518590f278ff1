/**
 * runVisit over the real clients gated by a BatchScheduler: what a batch relies on. A visit holds a
 * stage slot only while its request is in flight, so another visit's create goes while the first
 * waits out a Retry-After; and the scheduler changes nothing about creates (no duplicate, the lost
 * create is still looked up, not sent again).
 */
import { describe, expect, it } from "vitest";
import { createClients } from "../clients/create-clients.js";
import { json, fakeFetch, type RecordedCall } from "../internal/test-support/fake-fetch.js";
import { BatchScheduler } from "../schedule/batch-scheduler.js";
import { runVisit } from "./run-visit.js";
import { completedTranscript, STRUCTURED_ANSWER, testPlan } from "./test-support/fake-visit-clients.js";

const API = "https://api.test";
const GATEWAY = "https://gateway.test";

interface Script {
  /** Answer for the n-th create of an audio_url (0-based), else a normal 200. */
  create?: (audioUrl: string, nth: number) => Response | undefined;
}

function fakeAssemblyAi(script: Script = {}) {
  const log: string[] = [];
  const made = new Map<string, { id: string; audio_url: string; polls: number }>();
  const createsOf = new Map<string, number>();
  let now = Date.parse("2026-11-25T10:00:00Z");
  const f = fakeFetch(async (call: RecordedCall) => {
    const path = call.url.replace(API, "").replace(GATEWAY, "");
    if (call.method === "POST" && path === "/v2/upload") {
      const url = `https://cdn.assemblyai.com/upload/u-${log.filter((l) => l === "upload").length + 1}`;
      log.push("upload");
      return json({ upload_url: url });
    }
    if (call.method === "POST" && path === "/v2/transcript") {
      const audioUrl = (JSON.parse(String(call.body)) as { audio_url: string }).audio_url;
      const nth = createsOf.get(audioUrl) ?? 0;
      createsOf.set(audioUrl, nth + 1);
      const scripted = script.create?.(audioUrl, nth);
      const tag = audioUrl.slice(-3);
      log.push(`create ${tag}${scripted ? ` ${scripted.status}` : ""}`);
      // A 500 here stands for "accepted, but the answer was lost": the transcript exists.
      if (scripted && scripted.status !== 500) return scripted;
      const id = `tr_${tag}`;
      made.set(id, { id, audio_url: audioUrl, polls: 0 });
      return scripted ?? json({ id, status: "queued" });
    }
    if (call.method === "GET" && path.startsWith("/v2/transcript?")) {
      log.push("list");
      const rows = [...made.values()].reverse().map((t) => ({ id: t.id, audio_url: t.audio_url, status: "processing", created: "2026-11-25T10:00:00.5" }));
      return json({ page_details: { limit: 200, result_count: rows.length, current_url: call.url, prev_url: null, next_url: null }, transcripts: rows });
    }
    const poll = /^\/v2\/transcript\/(tr_[\w-]+)$/.exec(path);
    if (call.method === "GET" && poll) {
      const t = made.get(poll[1] as string);
      if (!t) return json({ error: "not found" }, 404);
      t.polls++;
      return t.polls < 2 ? json({ id: t.id, status: "processing" }) : json(completedTranscript(t.id));
    }
    if (call.method === "GET" && path === "/v1/models") return json({ object: "list", data: [{ id: "m", available_regions: ["us", "eu"] }] });
    if (call.method === "POST" && path === "/v1/chat/completions") {
      log.push("chat");
      return json({ choices: [{ message: { role: "assistant", content: STRUCTURED_ANSWER }, finish_reason: "stop" }], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } });
    }
    return json({ error: `no route ${call.method} ${path}` }, 404);
  });
  return { log, made, fetch: f.fetch, now: () => now, advance: (ms: number) => (now += ms) };
}

describe("runVisit through a BatchScheduler", () => {
  it("lets another visit create its transcript while the first waits out a Retry-After (one create slot)", async () => {
    const api = fakeAssemblyAi({ create: (url, nth) => (url.endsWith("u-1") && nth === 0 ? json({ error: "Too Many Requests" }, 429, { "Retry-After": "1" }) : undefined) });
    let wakeRetry: (() => void) | undefined;
    const sleep = (ms: number): Promise<void> => {
      api.advance(ms);
      // The Retry-After (>= 1 s) waits until the test lets it go; poll intervals pass at once.
      return ms >= 1000 ? new Promise<void>((r) => (wakeRetry = r)) : Promise.resolve();
    };
    const scheduler = new BatchScheduler({ concurrency: 1, budget: false });
    const clients = createClients({ apiKey: "test-key", fetch: api.fetch, baseUrl: API, gatewayBaseUrl: GATEWAY, sleep, now: api.now, random: () => 0, gate: scheduler });
    const plan = await testPlan({ model: "m" }, "soap-complete");
    const o = { ...clients, plan, clock: api.now };
    const first = runVisit({ kind: "audio", body: new Uint8Array([1, 2, 3]) }, o);
    while (!wakeRetry) await new Promise((r) => setTimeout(r, 0));
    const second = runVisit({ kind: "audio", body: new Uint8Array([4, 5, 6]) }, o);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const secondDone = await Promise.race([second.then(() => true), new Promise((r) => (timer = setTimeout(() => r(false), 15_000)))]);
    clearTimeout(timer);
    wakeRetry();
    await first;
    expect(secondDone).toBe(true);
    expect(api.log).toEqual(["upload", "create u-1 429", "upload", "create u-2", "chat", "create u-1", "chat"]);
    expect([...api.made.keys()].sort()).toEqual(["tr_u-1", "tr_u-2"]);
    expect(scheduler.stats().peakActive.create).toBe(1);
  });

  it("still looks a lost create up instead of sending it again", async () => {
    const api = fakeAssemblyAi({ create: (_url, nth) => (nth === 0 ? json({ error: "internal" }, 500) : undefined) });
    const scheduler = new BatchScheduler({ concurrency: 2 });
    const clients = createClients({ apiKey: "test-key", fetch: api.fetch, baseUrl: API, gatewayBaseUrl: GATEWAY, maxRetries: 0, sleep: async () => undefined, now: api.now, random: () => 0, gate: scheduler });
    const plan = await testPlan({ model: "m" }, "soap-complete");
    const ids: string[] = [];
    const { transcript } = await runVisit({ kind: "audio", body: new Uint8Array([1]) }, {
      ...clients,
      plan,
      clock: api.now,
      onCheckpoint: (u) => void (u.step === "transcript_created" && ids.push(u.transcriptId)),
    });
    expect(api.log).toEqual(["upload", "create u-1 500", "list", "chat"]);
    expect(ids).toEqual(["tr_u-1"]);
    expect(transcript?.id).toBe("tr_u-1");
    expect(scheduler.stats().requests).toMatchObject({ upload: 1, create: 1, other: 2, chat: 1 }); // other: the list and GET /v1/models
  });

  it("holds a transcription slot from before the create to the end of the wait, not while uploading or writing the note", async () => {
    const api = fakeAssemblyAi();
    const scheduler = new BatchScheduler({ concurrency: 1, budget: false });
    const clients = createClients({ apiKey: "test-key", fetch: api.fetch, baseUrl: API, gatewayBaseUrl: GATEWAY, sleep: async () => undefined, now: api.now, random: () => 0, gate: scheduler });
    const plan = await testPlan({ model: "m" }, "soap-complete");
    const seen: string[] = [];
    const slots = {
      acquire: async (signal?: AbortSignal) => {
        seen.push(`acquire after ${api.log.at(-1)}`);
        const release = await scheduler.transcriptionSlots.acquire(signal);
        return () => {
          seen.push(`release after ${api.log.at(-1)}`);
          release();
        };
      },
    };
    await runVisit({ kind: "audio", body: new Uint8Array([1]) }, {
      ...clients,
      plan,
      clock: api.now,
      transcriptionSlots: slots,
      onCheckpoint: (u) => void seen.push(u.step),
    });
    expect(seen).toEqual(["uploaded", "acquire after upload", "creating", "transcript_created", "release after create u-1", "transcribed"]);
    expect(api.log.at(-1)).toBe("chat");
    expect(scheduler.transcriptionsInProgress()).toEqual({ active: 0, peak: 1, limit: 1 });
  });

  it("takes no slot for a recorded transcript, and an abort while waiting for one sends no create", async () => {
    const api = fakeAssemblyAi();
    const scheduler = new BatchScheduler({ concurrency: 1, transcriptions: 1, budget: false });
    const clients = createClients({ apiKey: "test-key", fetch: api.fetch, baseUrl: API, gatewayBaseUrl: GATEWAY, sleep: async () => undefined, now: api.now, random: () => 0, gate: scheduler });
    const plan = await testPlan({ model: "m" }, "soap-complete");
    const taken = await scheduler.transcriptionSlots.acquire();
    const ac = new AbortController();
    const blocked = runVisit({ kind: "audio", body: new Uint8Array([1]) }, { ...clients, plan, clock: api.now, signal: ac.signal, transcriptionSlots: scheduler.transcriptionSlots });
    while (!api.log.includes("upload")) await new Promise((r) => setTimeout(r, 0));
    ac.abort(new Error("stop"));
    await expect(blocked).rejects.toMatchObject({ name: "AbortError" });
    expect(api.log).toEqual(["upload"]);
    // A transcript id resumes its wait without a slot (the only one is still taken).
    api.made.set("tr_old", { id: "tr_old", audio_url: "x", polls: 0 });
    const { note } = await runVisit({ kind: "transcript_id", transcriptId: "tr_old" }, { ...clients, plan, transcriptionSlots: scheduler.transcriptionSlots });
    expect(note.provenance.transcript_id).toBe("tr_old");
    taken();
  });
});
