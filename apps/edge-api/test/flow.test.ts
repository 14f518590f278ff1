import { describe, expect, it } from "vitest";
// Core's R4 validation helper (FHIR.js, a devDependency of @org/soap-core only), by path: it is not part of core's exports.
import { expectValidR4Bundle } from "../../../packages/core/src/internal/test-support/fhir-validator.js";
import { createHarness, KNEE_AUDIO_URL, WEBHOOK_SECRET } from "./support/harness.js";
import { completedNote, envelope, startNote } from "./support/flow.js";

interface NoteResource {
  id: string;
  status: string;
  transcript_id: string | null;
  template: string;
  experiment: string | null;
  variant: string | null;
  note: { sections: Record<string, { text: string; statements: unknown[] }>; provenance: Record<string, unknown> } | null;
  provenance: { template: { ref: string }; transcript_id?: string; history?: { section: string }[] } | null;
}

describe("the async flow against the sandbox", () => {
  it.each([400, 404] as const)("deletes a note whose transcript AssemblyAI no longer has (its %i lookup error counts as already gone)", async (status) => {
    const h = createHarness({ sandbox: { notFoundStatus: status } });
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const { transcript_id } = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteResource;
    expect(h.sandbox.state.transcripts.delete(transcript_id ?? "")).toBe(true); // gone at AssemblyAI
    expect((await h.request(`/v1/notes/${id}`, { method: "DELETE", key })).status).toBe(204);
    expect(h.sandbox.counters.route("delete").statuses).toEqual({ [String(status)]: 1 });
    expect((await h.request(`/v1/notes/${id}`, { key })).status).toBe(404);
  });

  it("creates, transcribes, generates, renders, regenerates a section and deletes a note", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");

    // create
    const created = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL, speakers_expected: 2, medical: true } });
    expect(created.status).toBe(202);
    const { id, status } = (await created.json()) as { id: string; status: string };
    expect(status).toBe("transcribing");
    expect(created.headers.get("location")).toBe(`/v1/notes/${id}`);
    const [transcript] = [...h.sandbox.state.transcripts.values()];
    expect(transcript?.params).toMatchObject({ speakers_expected: 2, speaker_labels: true, domain: "medical-v1" });
    expect((await h.request(`/v1/notes/${id}?format=md`, { key })).status).toBe(409);

    // webhook from the sandbox, then the durable step
    await h.finishTranscripts();
    const queued = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteResource;
    expect(queued.status).toBe("queued");
    expect(await h.drainQueue()).toEqual([{ acked: true, retryDelaySeconds: undefined }]);

    const done = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteResource;
    expect(done.status).toBe("completed");
    expect(done.transcript_id).toBe(transcript?.id);
    expect(Object.keys(done.note?.sections ?? {})).toEqual(["subjective", "objective", "assessment", "plan"]);
    expect(done.provenance?.template.ref).toBe(done.template);
    expect(done.provenance?.transcript_id).toBe(transcript?.id);
    // Core records the visit (the job) in the note, for the Markdown and FHIR headers.
    expect(done.note?.provenance["visit_id"]).toBe(id);

    // three formats
    const md = await h.request(`/v1/notes/${id}?format=md`, { key });
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(await md.text()).toMatch(/Subjective[\s\S]*Objective[\s\S]*Assessment[\s\S]*Plan/);
    const json = await h.request(`/v1/notes/${id}?format=json`, { key });
    expect(JSON.parse(await json.text())).toMatchObject({ sections: { plan: {} } });
    const fhir = await h.request(`/v1/notes/${id}?format=fhir`, { key });
    expect(fhir.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    const bundle: unknown = await fhir.json();
    expect(bundle).toMatchObject({ resourceType: "Bundle" });
    expectValidR4Bundle(bundle);

    // regenerate one section
    const chatsBefore = h.sandbox.counters.calls("chat");
    const regenerated = await h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key });
    expect(regenerated.status).toBe(200);
    const after = (await regenerated.json()) as NoteResource;
    expect(after.provenance?.history?.map((e) => e.section)).toEqual(["plan"]);
    expect(h.sandbox.counters.calls("chat")).toBe(chatsBefore + 1);
    const reread = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteResource;
    expect(reread.provenance?.history).toHaveLength(1);

    // delete: the note here and the transcript at AssemblyAI
    const deleted = await h.request(`/v1/notes/${id}`, { method: "DELETE", key });
    expect(deleted.status).toBe(204);
    expect(h.sandbox.counters.calls("delete")).toBe(1);
    expect(h.sandbox.state.transcripts.get(transcript?.id ?? "")?.deleted).toBe(true);
    const gone = await h.request(`/v1/notes/${id}`, { key });
    expect(gone.status).toBe(404);
    expect((await envelope(gone)).error.code).toBe("not_found");
    expect((await h.request(`/v1/notes/${id}`, { method: "DELETE", key })).status).toBe(404);

    // Nothing logged carries the API key, the webhook secret, the AssemblyAI key or transcript text.
    const logged = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThan(3);
    for (const secret of [key, WEBHOOK_SECRET, h.env.ASSEMBLYAI_API_KEY]) expect(logged).not.toContain(secret);
    const spoken = (transcript?.fixture?.words ?? []).slice(10, 16).map((w) => w.text).join(" ");
    expect(spoken.length).toBeGreaterThan(10);
    expect(logged).not.toContain(spoken);
  });

  it("pages through a tenant's notes, newest first", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await startNote(h, key));
      h.advance(1_000);
    }
    const first = (await (await h.request("/v1/notes?limit=2", { key })).json()) as { data: { id: string }[]; next_cursor: string | null };
    expect(first.data.map((n) => n.id)).toEqual([ids[2], ids[1]]);
    expect(first.next_cursor).not.toBeNull();
    const second = (await (await h.request(`/v1/notes?limit=2&cursor=${first.next_cursor}`, { key })).json()) as {
      data: { id: string }[];
      next_cursor: string | null;
    };
    expect(second.data.map((n) => n.id)).toEqual([ids[0]]);
    expect(second.next_cursor).toBeNull();
  });

  it("assigns an A/B variant by experiment_key and records it in the note's provenance", async () => {
    const config = {
      experiments: [
        {
          name: "structured-vs-sectioned",
          salt: "s1",
          assignBy: "patient_id",
          variants: [
            { name: "structured", template: "soap-structured@^2", weight: 1 },
            { name: "sectioned", template: "soap-sectioned@^1", weight: 1 },
          ],
        },
      ],
    };
    const h = createHarness({ vars: { SOAP_CONFIG: JSON.stringify(config) } });
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key, { experiment_key: "patient-42" });
    const body = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as NoteResource & {
      provenance: { experiment?: string; variant?: string };
    };
    expect(body.experiment).toBe("structured-vs-sectioned");
    expect(["structured", "sectioned"]).toContain(body.variant);
    expect(body.provenance.experiment).toBe("structured-vs-sectioned");
    expect(body.provenance.variant).toBe(body.variant);
    // The same key always gets the same variant.
    const again = await startNote(h, key, { experiment_key: "patient-42" });
    const second = (await (await h.request(`/v1/notes/${again}`, { key })).json()) as NoteResource;
    expect(second.variant).toBe(body.variant);
  });

  it("answers 409 when regenerating a section of a note that is not completed", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await startNote(h, key);
    const res = await h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key });
    expect(res.status).toBe(409);
    expect((await envelope(res)).error.code).toBe("note_not_ready");
  });

  it("answers 500 misconfigured without naming the binding, which the log names under the request id", async () => {
    const h = createHarness({ vars: { WEBHOOK_SECRET: "" } });
    const res = await h.request("/v1/health");
    expect(res.status).toBe(500);
    const { error } = await envelope(res);
    expect(error.code).toBe("misconfigured");
    expect(error.message).not.toContain("WEBHOOK_SECRET");
    const requestId = res.headers.get("x-request-id");
    expect(h.logs).toContainEqual(expect.objectContaining({ event: "config.invalid", request_id: requestId, issues: [expect.stringContaining("WEBHOOK_SECRET")] }));
  });
});
