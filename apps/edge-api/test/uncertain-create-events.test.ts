import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { STALE_CREATING_MS, UNCERTAIN_CREATE_MAX_SENDS, UNCERTAIN_CREATE_SETTLE_MS } from "../src/index.js";
import { completedNote, envelope } from "./support/flow.js";
import { sweepAfter, uncertainCreate } from "./support/uncertain-creates.js";
import type { Harness } from "./support/harness.js";
import { KNEE_AUDIO_URL } from "./support/harness.js";
import { createWebhookHarness } from "./support/tenant-webhooks.js";

/** The completion events written for a note, oldest first: [type, failure_code]. */
async function eventsOf(noteId: string): Promise<[string, string | null][]> {
  const { results } = await env.DB.prepare("SELECT type, failure_code FROM webhook_events WHERE note_id = ?1 ORDER BY created_at, rowid")
    .bind(noteId)
    .all<{ type: string; failure_code: string | null }>();
  return results.map((r) => [r.type, r.failure_code]);
}

async function noteOf(h: Harness, key: string, id: string): Promise<{ status: string; failure: { code: string } | null }> {
  return (await (await h.request(`/v1/notes/${id}`, { key })).json()) as { status: string; failure: { code: string } | null };
}

async function uncertainRows(id: string): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM uncertain_creates WHERE job_id = ?1").bind(id).first<{ n: number }>())?.n ?? -1;
}

const isCreate = (r: Request) => r.method === "POST" && new URL(r.url).pathname === "/v2/transcript";

/** Polls `done` (the request runs on in the background) with a generous deadline: a loaded machine is slow. */
async function until(done: () => boolean | Promise<boolean>, deadlineMs = 30_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error("timed out waiting for the create request");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A harness whose create requests can be made to never answer (the Worker dies mid-create): `stall.made`
 * says whether AssemblyAI got the create first. `release()` ends the stalled request (with an error) so
 * that the test can await it.
 */
function stallingHarness() {
  const stall = { on: false, made: false, sent: false, release: (): void => undefined };
  const w = createWebhookHarness({
    outbound: async (request, next) => {
      if (!stall.on || !isCreate(request)) return next(request);
      stall.on = false;
      if (stall.made) await next(request);
      stall.sent = true;
      return new Promise<Response>((_, fail) => {
        stall.release = () => fail(new TypeError("the Worker died"));
      });
    },
  });
  return { w, stall };
}

beforeEach(async () => {
  // The sweep spans the whole database: no create left over from another test is resolved in this one.
  await env.DB.prepare("DELETE FROM uncertain_creates").run();
});

describe("completion webhooks announce a note's real end, once", () => {
  it("(a) an uncertain create that is found writes no note.failed, then exactly one note.completed", async () => {
    const w = createWebhookHarness();
    const { h } = w;
    const { key } = await h.seedTenant("Uncertain then found");
    await w.register(key);
    h.sandbox.faults.add({ route: "create", kind: "reset", after: true, times: 1 });
    h.sandbox.faults.add({ route: "list", kind: "status", status: 500, times: 10 });
    const id = await uncertainCreate(h, key);
    h.sandbox.faults.clear();
    expect((await noteOf(h, key, id)).failure?.code).toBe("transcript_create_uncertain");
    expect(await eventsOf(id)).toEqual([]);
    // The transcript completes but its webhook is lost: the sweep's look-up finds it.
    h.advance(5_000);
    h.sandbox.advance();
    h.sandbox.state.pendingWebhooks.splice(0);
    await sweepAfter(h, UNCERTAIN_CREATE_SETTLE_MS);
    await h.drainQueue();
    expect((await noteOf(h, key, id)).status).toBe("completed");
    expect(await eventsOf(id)).toEqual([["note.completed", null]]);
    await sweepAfter(h, UNCERTAIN_CREATE_SETTLE_MS * 8);
    expect(await eventsOf(id)).toEqual([["note.completed", null]]);
  });

  it("(b) an uncertain create given up writes exactly one note.failed, transcript_create_failed", async () => {
    const w = createWebhookHarness();
    const { h } = w;
    const { key, tenantId } = await h.seedTenant("Uncertain then given up");
    await w.register(key);
    h.sandbox.faults.add({ route: "create", kind: "reset" });
    const id = await uncertainCreate(h, key);
    for (let i = 0; i < UNCERTAIN_CREATE_MAX_SENDS + 2; i++) {
      await sweepAfter(h, UNCERTAIN_CREATE_SETTLE_MS * 2 ** (i + 1));
      if ((await noteOf(h, key, id)).failure?.code === "transcript_create_failed") break;
      expect(await eventsOf(id)).toEqual([]);
    }
    expect(h.sandbox.counters.route("create").calls).toBe(UNCERTAIN_CREATE_MAX_SENDS);
    expect((await noteOf(h, key, id)).failure?.code).toBe("transcript_create_failed");
    expect(await eventsOf(id)).toEqual([["note.failed", "transcript_create_failed"]]);
    expect(await uncertainRows(id)).toBe(0);
    // Its one delivery carries the final code.
    const messages = w.drainFor(tenantId);
    expect(messages).toHaveLength(1);
    await w.deliverWebhook(messages[0]!);
    expect(JSON.parse(w.received[0]?.body ?? "{}")).toMatchObject({ type: "note.failed", data: { note_id: id, failure_code: "transcript_create_failed" } });
  });

  it("(c) an ordinary failure and an ordinary completion write one event each, and no create record is left", async () => {
    const w = createWebhookHarness();
    const { h } = w;
    const { key } = await h.seedTenant("Ordinary");
    await w.register(key);
    h.sandbox.faults.add({ route: "create", kind: "status", status: 429, times: 1 });
    const rejected = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    expect(rejected.status).toBe(502);
    const rejectedId = String((await envelope(rejected)).error.details?.["id"]);
    const done = await completedNote(h, key);
    // The create's outcome is known: its record (the audio URL) is gone at once, not at a later sweep.
    expect(await uncertainRows(rejectedId)).toBe(0);
    expect(await uncertainRows(done)).toBe(0);
    await sweepAfter(h, STALE_CREATING_MS * 2);
    expect(await eventsOf(rejectedId)).toEqual([["note.failed", "transcript_create_failed"]]);
    expect(await eventsOf(done)).toEqual([["note.completed", null]]);
  });
});

describe("a create's record (its audio URL) lives only while the create is unresolved", () => {
  it("goes as soon as the create's own webhook resumes the note (no sweep needed), and the note sends one note.completed", async () => {
    const w = createWebhookHarness();
    const { h } = w;
    const { key } = await h.seedTenant("Uncertain then its webhook");
    await w.register(key);
    h.sandbox.faults.add({ route: "create", kind: "reset", after: true, times: 1 });
    h.sandbox.faults.add({ route: "list", kind: "status", status: 500, times: 10 });
    const id = await uncertainCreate(h, key);
    h.sandbox.faults.clear();
    expect(await uncertainRows(id)).toBe(1);
    await h.finishTranscripts();
    expect((await noteOf(h, key, id)).status).toBe("queued");
    expect(await uncertainRows(id)).toBe(0);
    await h.drainQueue();
    expect((await noteOf(h, key, id)).status).toBe("completed");
    expect(await eventsOf(id)).toEqual([["note.completed", null]]);
  });

  it("goes with the note's deletion, and the sweep never sends a deleted note's create again", async () => {
    const w = createWebhookHarness();
    const { h } = w;
    const { key } = await h.seedTenant("Uncertain then deleted");
    await w.register(key);
    h.sandbox.faults.add({ route: "create", kind: "reset" });
    const id = await uncertainCreate(h, key);
    expect(await uncertainRows(id)).toBe(1);
    h.sandbox.faults.clear();
    expect([202, 204]).toContain((await h.request(`/v1/notes/${id}`, { method: "DELETE", key })).status);
    expect(await uncertainRows(id)).toBe(0);
    await sweepAfter(h, UNCERTAIN_CREATE_SETTLE_MS * 2);
    expect(h.sandbox.counters.route("create").calls).toBe(1);
    expect(await eventsOf(id)).toEqual([]);
  });
});

describe("a job stuck in `creating` (its Worker died mid-create) is resolved by the sweep", () => {
  it("(d) records the audio URL before the create is sent; a create that was made is found and the note completes", async () => {
    const { w, stall } = stallingHarness();
    const { h } = w;
    const { key, tenantId } = await h.seedTenant("Stuck, made");
    await w.register(key);
    Object.assign(stall, { on: true, made: true });
    const pending = h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    // The create reached AssemblyAI; its answer never comes back, and its webhook is lost too.
    await until(() => stall.sent);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    const { results } = await env.DB.prepare("SELECT id, status FROM jobs WHERE tenant_id = ?1").bind(tenantId).all<{ id: string; status: string }>();
    expect(results).toHaveLength(1);
    const id = results[0]!.id;
    expect(results[0]!.status).toBe("creating");
    expect(await uncertainRows(id)).toBe(1);
    h.advance(5_000);
    h.sandbox.advance();
    h.sandbox.state.pendingWebhooks.splice(0);

    await sweepAfter(h, STALE_CREATING_MS + UNCERTAIN_CREATE_SETTLE_MS);
    expect((await noteOf(h, key, id)).status).toBe("queued");
    await h.drainQueue();
    expect((await noteOf(h, key, id)).status).toBe("completed");
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    expect(await eventsOf(id)).toEqual([["note.completed", null]]);
    expect(await uncertainRows(id)).toBe(0);
    // The dead request's late end (whatever it answers) changes nothing.
    stall.release();
    await pending;
    await sweepAfter(h, STALE_CREATING_MS * 2);
    expect((await noteOf(h, key, id)).status).toBe("completed");
    expect(await eventsOf(id)).toEqual([["note.completed", null]]);
    expect(await uncertainRows(id)).toBe(0);
  });

  it("(d) a create that never reached AssemblyAI is sent again by the sweep, once, and the note completes", async () => {
    const { w, stall } = stallingHarness();
    const { h } = w;
    const { key, tenantId } = await h.seedTenant("Stuck, never made");
    await w.register(key);
    Object.assign(stall, { on: true, made: false });
    const pending = h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    let id: string | undefined;
    await until(async () => {
      id = (await env.DB.prepare("SELECT job_id FROM uncertain_creates WHERE tenant_id = ?1").bind(tenantId).first<{ job_id: string }>())?.job_id;
      return id !== undefined && stall.sent;
    });
    expect(id).toBeDefined();
    const noteId = id!;
    expect(h.sandbox.counters.transcriptsCreated).toBe(0);

    await sweepAfter(h, STALE_CREATING_MS + UNCERTAIN_CREATE_SETTLE_MS);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    expect((await noteOf(h, key, noteId)).status).toBe("transcribing");
    expect(await uncertainRows(noteId)).toBe(0);
    await h.finishTranscripts();
    await h.drainQueue();
    expect((await noteOf(h, key, noteId)).status).toBe("completed");
    expect(await eventsOf(noteId)).toEqual([["note.completed", null]]);
    stall.release();
    await pending;
    await sweepAfter(h, STALE_CREATING_MS * 2);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    expect(await eventsOf(noteId)).toEqual([["note.completed", null]]);
  });
});
