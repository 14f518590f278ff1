import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createHarness } from "./support/harness.js";
import { completedNote, envelope, startNote } from "./support/flow.js";

interface AuditPage {
  data: { id: string; at: string; actor: { type: string; key_id: string | null }; action: string; note_id: string; detail: string | null }[];
  next_cursor: string | null;
}

async function keyIdOf(tenantId: string): Promise<string> {
  const row = await env.DB.prepare("SELECT id FROM api_keys WHERE tenant_id = ?1").bind(tenantId).first<{ id: string }>();
  if (!row) throw new Error("no key");
  return row.id;
}

describe("the PHI access audit trail (GET /v1/audit)", () => {
  it("records who read, exported, regenerated and deleted which note, ids only, newest first, for the tenant alone", async () => {
    const h = createHarness();
    const { key, tenantId } = await h.seedTenant("Clinic");
    const other = await h.seedTenant("Other clinic");
    const keyId = await keyIdOf(tenantId);
    // Polling a note that is being made reads no PHI: not recorded.
    const polled = await startNote(h, key);
    expect((await h.request(`/v1/notes/${polled}`, { key })).status).toBe(200);
    const id = await completedNote(h, key); // reads the completed note once
    expect((await h.request(`/v1/notes/${id}?format=fhir`, { key })).status).toBe(200);
    expect((await h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key })).status).toBe(200);
    const noteText = JSON.stringify(((await (await h.request(`/v1/notes/${id}`, { key })).json()) as { note: unknown }).note);
    expect((await h.request(`/v1/notes/${id}`, { method: "DELETE", key })).status).toBe(204);

    const res = await h.request("/v1/audit?limit=100", { key });
    expect(res.status).toBe(200);
    const page = (await res.json()) as AuditPage;
    expect(page.data.map((e) => [e.action, e.note_id, e.detail])).toEqual([
      ["transcript.purged", id, "deleted"],
      ["note.deleted", id, null],
      ["note.read", id, null],
      ["note.regenerated", id, "plan"],
      ["note.exported", id, "fhir"],
      ["note.read", id, null],
    ]);
    expect(page.data.filter((e) => e.action !== "transcript.purged").every((e) => e.actor.type === "api_key" && e.actor.key_id === keyId)).toBe(true);
    expect(page.data[0]?.actor).toEqual({ type: "system", key_id: null });
    expect(page.data.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    // No PHI: no note text, no transcript words, no key.
    const body = JSON.stringify(page);
    expect(noteText.length).toBeGreaterThan(100);
    for (const words of noteText.match(/[A-Za-z]{6,}(?: [A-Za-z]{3,}){2}/g)?.slice(0, 5) ?? []) expect(body).not.toContain(words);
    expect(body).not.toContain(key);

    // Another tenant sees none of it.
    const theirs = (await (await h.request("/v1/audit", { key: other.key })).json()) as AuditPage;
    expect(theirs.data).toEqual([]);

    // Paging, newest first.
    const first = (await (await h.request("/v1/audit?limit=4", { key })).json()) as AuditPage;
    expect(first.data).toHaveLength(4);
    const second = (await (await h.request(`/v1/audit?limit=4&cursor=${first.next_cursor}`, { key })).json()) as AuditPage;
    expect([...first.data, ...second.data].map((e) => e.id)).toEqual(page.data.map((e) => e.id));
    expect(second.next_cursor).toBeNull();
  });

  it("needs an API key and refuses a cursor it did not give", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    expect((await h.request("/v1/audit")).status).toBe(401);
    const bad = await h.request("/v1/audit?cursor=abc", { key });
    expect(bad.status).toBe(400);
    expect((await envelope(bad)).error.message).toContain("cursor");
  });
});
