import { describe, expect, it } from "vitest";
import { createHarness } from "./support/harness.js";
import { completedNote, envelope } from "./support/flow.js";

describe("upstream failures on synchronous routes", () => {
  it("says in words, not with an internal class name, that the model's answer broke the note schema (502, note unchanged)", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const before = await (await h.request(`/v1/notes/${id}`, { key })).json();
    h.sandbox.faults.add({ route: "chat", kind: "schema_violation" });
    const res = await h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key });
    expect(res.status).toBe(502);
    const { error } = await envelope(res);
    expect(error.code).toBe("upstream_error");
    expect(error.message).toContain("(the model's answer did not match the note schema); try again later.");
    expect(error.message).not.toMatch(/[A-Z][a-z]+Error/);
    expect(h.logs).toContainEqual(expect.objectContaining({ event: "upstream.failed", error: "StructuredAnswerError" }));
    expect(await (await h.request(`/v1/notes/${id}`, { key })).json()).toEqual(before);
  });
});
