import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./support/harness.js";
import { completedNote, envelope } from "./support/flow.js";

const HOUR = 3_600_000;

interface NoteResource {
  status: string;
  transcript_id: string | null;
  note: { sections: Record<string, { text: string }>; provenance: Record<string, unknown> } | null;
}

async function read(h: Harness, key: string, id: string): Promise<NoteResource> {
  return (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteResource;
}

async function purgedAt(id: string): Promise<number | null> {
  return (await env.DB.prepare("SELECT transcript_purged_at AS t FROM jobs WHERE id = ?1").bind(id).first<{ t: number | null }>())?.t ?? null;
}

describe("retention (RETENTION_HOURS)", () => {
  it("deletes the transcript at AssemblyAI N hours after the note is complete; the note, its export and regenerate keep working", async () => {
    const h = createHarness({ vars: { RETENTION_HOURS: "2" } });
    const { key, tenantId } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const before = await read(h, key, id);
    const transcriptId = before.transcript_id ?? "";
    // The copy the note keeps is the transcript it was written from (same content hash).
    const copy = await env.DB.prepare("SELECT transcript_hash FROM notes WHERE job_id = ?1").bind(id).first<{ transcript_hash: string }>();
    expect(copy?.transcript_hash).toBe(before.note?.provenance["transcript_hash"]);

    h.advance(2 * HOUR - 60_000);
    await h.worker.scheduled(undefined, h.env);
    expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted).toBeFalsy();
    h.advance(60_000);
    await h.worker.scheduled(undefined, h.env);
    expect(h.sandbox.state.transcripts.get(transcriptId)?.deleted).toBe(true);
    expect(await purgedAt(id)).toBe(h.now());

    // Review: the note and its exports are D1's, untouched.
    const after = await read(h, key, id);
    expect(after.note).toEqual(before.note);
    expect((await h.request(`/v1/notes/${id}?format=md`, { key })).status).toBe(200);
    // Regenerate: from the note's copy of its transcript (AssemblyAI's says "Deleted by user.").
    const chats = h.sandbox.counters.calls("chat");
    const regenerated = await h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key });
    expect(regenerated.status, await regenerated.clone().text()).toBe(200);
    expect(h.sandbox.counters.calls("chat")).toBe(chats + 1);
    expect(h.sandbox.counters.route("get").statuses["200"]).toBeGreaterThan(0);

    // The deletion is in the tenant's audit trail, by the system.
    const audit = (await (await h.request("/v1/audit", { key })).json()) as { data: { action: string; actor: { type: string }; note_id: string; detail: string | null }[] };
    expect(audit.data).toContainEqual(expect.objectContaining({ action: "transcript.purged", note_id: id, detail: "retention", actor: expect.objectContaining({ type: "system" }) }));
    // A later sweep does not queue it again.
    h.advance(HOUR);
    await h.worker.scheduled(undefined, h.env);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM transcript_purges WHERE tenant_id = ?1").bind(tenantId).first<{ n: number }>()).toEqual({ n: 0 });
  });

  it("says regenerate is unavailable (409, nothing sent) once the transcript is gone and the note keeps no copy", async () => {
    const h = createHarness({ vars: { RETENTION_HOURS: "1" } });
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    await env.DB.prepare("UPDATE notes SET transcript_json = NULL WHERE job_id = ?1").bind(id).run();
    h.advance(HOUR);
    await h.worker.scheduled(undefined, h.env);
    expect(await purgedAt(id)).not.toBeNull();
    const chats = h.sandbox.counters.calls("chat");
    const res = await h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key });
    expect(res.status).toBe(409);
    const { error } = await envelope(res);
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/deleted at AssemblyAI on .* \(retention\).*no usable copy/);
    expect(h.sandbox.counters.calls("chat")).toBe(chats);
  });

  it("with RETENTION_HOURS=0 deletes the transcript as soon as the note is stored (the CLI's --delete-after rule)", async () => {
    const h = createHarness({ vars: { RETENTION_HOURS: "0" } });
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const { transcript_id } = await read(h, key, id);
    expect(h.sandbox.state.transcripts.get(transcript_id ?? "")?.deleted).toBe(true);
    expect(await purgedAt(id)).not.toBeNull();
  });

  it("keeps transcripts without RETENTION_HOURS, and refuses a negative value naming it", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    h.advance(1000 * HOUR);
    await h.worker.scheduled(undefined, h.env);
    expect(await purgedAt(id)).toBeNull();
    const bad = createHarness({ vars: { RETENTION_HOURS: "-1" } });
    expect((await bad.request("/v1/health")).status).toBe(500);
    expect(JSON.stringify(bad.logs)).toMatch(/RETENTION_HOURS: must not be negative/);
  });
});
