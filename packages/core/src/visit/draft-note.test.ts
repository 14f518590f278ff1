import { describe, expect, it } from "vitest";
import { parseTranscriptText } from "../evidence/transcript-text.js";
import { resolveTranscriptMode } from "./draft-note.js";
import { PlanMismatchError } from "./plan-errors.js";
import { draftNote } from "./run-visit.js";
import { completedTranscript, FakeVisitGateway, testPlan } from "./test-support/fake-visit-clients.js";

describe("draftNote", () => {
  it("refuses a plan whose template hash is not the template's real hash, before any request", async () => {
    const plan = { ...(await testPlan({ identifyRoles: true })), template: { ref: "soap-structured@2.0.0", hash: "sha256:test" } };
    const gateway = new FakeVisitGateway();
    const run = draftNote(completedTranscript(), { plan, gateway });
    await expect(run).rejects.toBeInstanceOf(PlanMismatchError);
    await expect(run).rejects.toThrow(/soap-structured@2\.0\.0 changed/);
    expect(gateway.log).toEqual([]);
  });

  it("writes the note as planned and records the plan's decisions in the provenance", async () => {
    const plan = await testPlan({ model: "m", experiment: "exp", variant: "a", environment: "sandbox" });
    const gateway = new FakeVisitGateway();
    const note = await draftNote(completedTranscript("tr_9"), { plan, gateway, clock: () => Date.parse("2026-11-25T10:00:00Z") });
    expect(note.provenance).toMatchObject({
      template: plan.template,
      model: "m",
      experiment: "exp",
      variant: "a",
      transcript_id: "tr_9",
      transcript_mode: "inline",
      environment: "sandbox",
      created_at: "2026-11-25T10:00:00.000Z",
    });
  });

  it("records the visit id the plan was made for, so every note's header names its visit", async () => {
    const gateway = new FakeVisitGateway();
    const planned = await draftNote(completedTranscript("tr_9"), { plan: await testPlan({ visitId: "visit-042" }), gateway });
    expect(planned.provenance.visit_id).toBe("visit-042");
    // A plan stored before plans carried the id: the note simply has none.
    const legacy = await draftNote(completedTranscript("tr_9"), { plan: await testPlan(), gateway: new FakeVisitGateway() });
    expect(legacy.provenance).not.toHaveProperty("visit_id");
  });
});

describe("resolveTranscriptMode", () => {
  const dialogue = parseTranscriptText("[doctor] hello .\n[patient] hi .");
  it("always sends a dialogue inline", () => {
    for (const planned of ["auto", "inline", "transcript_id"] as const) expect(resolveTranscriptMode(dialogue, planned)).toBe("inline");
  });
  it("keeps an explicit mode, and resolves auto by the transcript's utterances", () => {
    expect(resolveTranscriptMode(completedTranscript("t", true), "transcript_id")).toBe("transcript_id");
    expect(resolveTranscriptMode(completedTranscript("t", false), "inline")).toBe("inline");
    expect(resolveTranscriptMode(completedTranscript("t", true), "auto")).toBe("inline");
    expect(resolveTranscriptMode(completedTranscript("t", false), "auto")).toBe("transcript_id");
  });
});
