import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { UNCERTAIN_CREATE_MAX_SENDS, UNCERTAIN_CREATE_SETTLE_MS } from "../src/index.js";
import { createHarness, type Harness } from "./support/harness.js";
import { sweepAfter, uncertainCreate } from "./support/uncertain-creates.js";

interface NoteBody {
  status: string;
  transcript_id: string | null;
  failure: { code: string; reason: string } | null;
}

async function note(h: Harness, key: string, id: string): Promise<NoteBody> {
  return (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteBody;
}

beforeEach(async () => {
  // The sweep spans the whole database: no create left over from another test is resolved in this one.
  await env.DB.prepare("DELETE FROM uncertain_creates").run();
});

describe("a create whose outcome is uncertain is resolved by the API itself", () => {
  it("creates the transcript once when the first create never reached AssemblyAI, and the note completes", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    // The connection fails before AssemblyAI acts (a stale keep-alive connection): nothing is created.
    h.sandbox.faults.add({ route: "create", kind: "reset", times: 1 });
    const id = await uncertainCreate(h, key);
    expect(h.sandbox.counters.transcriptsCreated).toBe(0);
    // Too early to conclude anything: a create still on its way may yet be made.
    await sweepAfter(h, 1_000);
    expect((await note(h, key, id)).failure?.code).toBe("transcript_create_uncertain");
    expect(h.sandbox.counters.transcriptsCreated).toBe(0);

    await sweepAfter(h, UNCERTAIN_CREATE_SETTLE_MS);
    const resent = await note(h, key, id);
    expect(resent.status).toBe("transcribing");
    expect(resent.failure).toBeNull();
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    await h.finishTranscripts();
    await h.drainQueue();
    const done = await note(h, key, id);
    expect(done.status).toBe("completed");
    expect(done.transcript_id).toBe(resent.transcript_id);
    // Later sweeps have nothing left to do for it.
    await sweepAfter(h, UNCERTAIN_CREATE_SETTLE_MS * 4);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM uncertain_creates WHERE job_id = ?1").bind(id).first<{ n: number }>())?.n).toBe(0);
  });

  it("links the transcript a create made when its answer and its webhook were lost, without creating another", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    h.sandbox.faults.add({ route: "create", kind: "reset", after: true, times: 1 });
    // The immediate lookup fails too, so the job is left uncertain.
    h.sandbox.faults.add({ route: "list", kind: "status", status: 500, times: 10 });
    const id = await uncertainCreate(h, key);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    h.sandbox.faults.clear();
    // The transcript completes but its webhook never gets through.
    h.advance(5_000);
    h.sandbox.advance();
    h.sandbox.state.pendingWebhooks.splice(0);

    await sweepAfter(h, UNCERTAIN_CREATE_SETTLE_MS);
    const linked = await note(h, key, id);
    expect(linked.status).toBe("queued");
    expect(linked.transcript_id).not.toBeNull();
    await h.drainQueue();
    expect((await note(h, key, id)).status).toBe("completed");
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
  });

  it("does not conclude from a failing lookup, and gives up for good after its last try without creating anything", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    h.sandbox.faults.add({ route: "create", kind: "reset" });
    const id = await uncertainCreate(h, key);
    const listFault = h.sandbox.faults.add({ route: "list", kind: "status", status: 500 });
    await sweepAfter(h, UNCERTAIN_CREATE_SETTLE_MS);
    await sweepAfter(h, UNCERTAIN_CREATE_SETTLE_MS * 2);
    expect(h.sandbox.counters.route("create").calls).toBe(1); // the lookup failed: never sent again
    expect((await note(h, key, id)).failure?.code).toBe("transcript_create_uncertain");
    h.sandbox.faults.remove(listFault);
    for (let i = 0; i < UNCERTAIN_CREATE_MAX_SENDS + 2; i++) await sweepAfter(h, UNCERTAIN_CREATE_SETTLE_MS * 2 ** (i + 1));
    expect(h.sandbox.counters.route("create").calls).toBe(UNCERTAIN_CREATE_MAX_SENDS);
    expect(h.sandbox.counters.transcriptsCreated).toBe(0);
    const failed = await note(h, key, id);
    expect(failed.status).toBe("failed");
    expect(failed.failure?.code).toBe("transcript_create_failed");
    expect(failed.failure?.reason).toContain(`${UNCERTAIN_CREATE_MAX_SENDS} times`);
  });
});
