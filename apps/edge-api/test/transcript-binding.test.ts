import { describe, expect, it } from "vitest";
import { createHarness } from "./support/harness.js";
import { completedNote, envelope } from "./support/flow.js";

interface NoteResource {
  transcript_id: string | null;
  note: { provenance: Record<string, unknown> } | null;
}

describe("a note's sections are regenerated only from its own transcript (#13)", () => {
  it("answers 409 and sends nothing when the transcript's words changed since the note was written", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const before = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteResource;
    expect(before.note?.provenance["transcript_hash"]).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Another visit's words behind the same id (or a deletion): the stored transcript no longer matches the note.
    const stored = h.sandbox.state.transcripts.get(before.transcript_id ?? "");
    expect(stored).toBeDefined();
    stored!.deleted = true;
    const chats = h.sandbox.counters.calls("chat");
    const res = await h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key });
    expect(res.status).toBe(409);
    const { error } = await envelope(res);
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/was deleted at AssemblyAI since this note was written/);
    expect(h.sandbox.counters.calls("chat")).toBe(chats);
    const after = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteResource;
    expect(after.note).toEqual(before.note);
  });
});
