import { getTemplate } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "../clients/gateway/chat-schemas.js";
import { parseTranscriptText } from "../evidence/transcript-text.js";
import { chatRequest } from "../generate/gateway-call.js";
import { templateInput, type NoteTranscript, type TranscriptMode } from "../generate/note-transcript.js";
import type { SoapNote } from "../note/soap-note.js";
import { draftNote } from "./run-visit.js";
import { transcriptHash } from "../note/transcript-hash.js";
import { PlanMismatchError, TranscriptMismatchError } from "./plan-errors.js";
import type { VisitPlan } from "./plan.js";
import { regenerateNoteSection } from "./regenerate.js";
import { completedTranscript, FakeVisitGateway, STRUCTURED_ANSWER, testPlan } from "./test-support/fake-visit-clients.js";

const transcript = completedTranscript("tr_visit_1");
const T0 = Date.parse("2026-11-25T10:00:00Z");
const T1 = Date.parse("2026-11-25T11:00:00Z");

const COMPLETE_ANSWER =
  "## Subjective\nKnee pain, [My right knee has been hurting for two weeks].\n## Objective\nNone.\n## Assessment\nKnee pain.\n## Plan\nRest, [i never said this at all].";
const PLAN_TEXT = "Ibuprofen and physical therapy, [start you on ibuprofen and physical therapy].";
const PLAN_JSON = JSON.stringify({ statements: [{ text: "Ibuprofen and physical therapy.", evidence: [{ quote: "start you on ibuprofen and physical therapy", speaker: "A" }] }] });

/** A one-section answer in the form the request asks for (JSON when it has a response_format). */
const sectionAnswer = (req: ChatCompletionRequest) => (req.response_format ? PLAN_JSON : PLAN_TEXT);

/** A note drafted as `plan` says (model-1, experiment exp/b), from `t`. */
async function noteFrom(spec: string, overrides: Partial<VisitPlan> = {}, t: NoteTranscript = transcript): Promise<{ plan: VisitPlan; note: SoapNote }> {
  const plan = await testPlan({ model: "model-1", experiment: "exp", variant: "b", ...overrides }, spec);
  const gateway = new FakeVisitGateway({ answer: () => (spec.startsWith("soap-structured") ? STRUCTURED_ANSWER : COMPLETE_ANSWER) });
  const note = await draftNote(t, { plan, gateway, clock: () => T0 });
  return { plan, note };
}

/** The one request `template.renderSection` makes for a section, as the note's plan says. */
function expectedRequest(note: SoapNote, t: NoteTranscript, mode: TranscriptMode): ChatCompletionRequest {
  return chatRequest(getTemplate(note.provenance.template.ref).renderSection(templateInput(t, mode), "plan"), note.provenance.model);
}

describe("regenerateNoteSection: the note's own plan", () => {
  for (const spec of ["soap-complete@1", "soap-structured@2"]) {
    it(`regenerates with the note's template (${spec}), model and transcript mode, never another template`, async () => {
      const { plan, note } = await noteFrom(spec, { transcriptMode: "transcript_id" });
      expect(note.provenance).toMatchObject({ template: plan.template, model: "model-1", transcript_mode: "transcript_id", experiment: "exp", variant: "b" });
      const gateway = new FakeVisitGateway({ answer: sectionAnswer });
      const next = await regenerateNoteSection(note, "plan", { gateway, transcript, clock: () => T1 });
      expect(gateway.requests).toHaveLength(1);
      // Exactly the request the note's template renders for this section, by id as the note was made
      // (although this transcript's utterances would make "auto" inline).
      expect(gateway.requests[0]).toEqual(expectedRequest(note, transcript, "transcript_id"));
      expect(gateway.requests[0]).toMatchObject({ model: "model-1", transcript_id: "tr_visit_1" });
      expect(gateway.requests[0]?.response_format !== undefined).toBe(spec.startsWith("soap-structured"));
      expect(next.provenance.template).toEqual(note.provenance.template);
      expect(next.provenance).toMatchObject({ experiment: "exp", variant: "b", model: "model-1" });
      expect(next.provenance.history).toEqual([
        expect.objectContaining({
          section: "plan",
          regenerated_at: new Date(T1).toISOString(),
          template: plan.template,
          model: "model-1",
          previous: { template: plan.template, model: "model-1", created_at: new Date(T0).toISOString() },
        }),
      ]);
      for (const s of ["subjective", "objective", "assessment"] as const) {
        expect(JSON.stringify(next.sections[s])).toBe(JSON.stringify(note.sections[s]));
      }
      expect(next.sections.plan.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "A" });
    });
  }

  it("sends the transcript inline when the note was written inline", async () => {
    const { note } = await noteFrom("soap-complete@1", { transcriptMode: "inline" });
    expect(note.provenance.transcript_mode).toBe("inline");
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    await regenerateNoteSection(note, "plan", { gateway, transcript });
    expect(gateway.requests[0]).toEqual(expectedRequest(note, transcript, "inline"));
    expect(gateway.requests[0]?.transcript_id).toBeUndefined();
    expect(gateway.content()).toContain("Speaker B: My right knee has been hurting for two weeks.");
  });

  it("regenerates a note written from a text dialogue from that dialogue, inline", async () => {
    const dialogue = parseTranscriptText("[doctor] what brings you in ?\n[patient] my right knee has been hurting for two weeks .\n[doctor] let's start you on ibuprofen and physical therapy .");
    const { note } = await noteFrom("soap-complete@1", {}, dialogue);
    expect(note.provenance.transcript_source).toBe("text");
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    const next = await regenerateNoteSection(note, "plan", { gateway, transcript: dialogue });
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]?.transcript_id).toBeUndefined();
    expect(next.sections.plan.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "doctor" });
  });
});

describe("regenerateNoteSection: speaker roles", () => {
  it("keeps the roles the note's evidence carries (identified at generation) in the regenerated request and evidence", async () => {
    const { note } = await noteFrom("soap-structured@2", { identifyRoles: true, transcriptMode: "inline" });
    expect(note.sections.plan.statements[0]?.evidence[0]).toMatchObject({ speaker: "A", role: "clinician" });
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    const next = await regenerateNoteSection(note, "plan", { gateway, transcript });
    expect(gateway.roleCalls).toEqual([]);
    const expected = chatRequest(
      getTemplate(note.provenance.template.ref).renderSection(templateInput(transcript, "inline", { A: "clinician", B: "patient" }), "plan"),
      note.provenance.model,
    );
    expect(gateway.requests[0]).toEqual(expected);
    expect(next.sections.plan.statements[0]?.evidence[0]).toMatchObject({ speaker: "A", role: "clinician" });
  });
});

describe("regenerateNoteSection: refusals (PlanMismatchError, nothing sent)", () => {
  it("refuses an AssemblyAI transcript for a note written from a text dialogue", async () => {
    const dialogue = parseTranscriptText("[doctor] what brings you in ?\n[patient] my right knee has been hurting for two weeks .");
    const { note } = await noteFrom("soap-complete@1", {}, dialogue);
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    const run = regenerateNoteSection(note, "plan", { gateway, transcript });
    await expect(run).rejects.toBeInstanceOf(PlanMismatchError);
    await expect(run).rejects.toThrow(/written from a text dialogue, but AssemblyAI transcript tr_visit_1/);
    expect(gateway.requests).toEqual([]);
  });

  it("refuses a transcript with another id than the note's", async () => {
    const { note } = await noteFrom("soap-complete@1");
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    const run = regenerateNoteSection(note, "plan", { gateway, transcript: completedTranscript("tr_other_visit") });
    await expect(run).rejects.toBeInstanceOf(PlanMismatchError);
    await expect(run).rejects.toThrow(/tr_visit_1.*tr_other_visit/);
    expect(gateway.requests).toEqual([]);
  });

  it("refuses a text dialogue for a note written from an AssemblyAI transcript", async () => {
    const { note } = await noteFrom("soap-complete@1");
    expect(note.provenance.transcript_source).toBe("assemblyai");
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    const dialogue = parseTranscriptText("[doctor] what brings you in ?\n[patient] my knee .");
    await expect(regenerateNoteSection(note, "plan", { gateway, transcript: dialogue })).rejects.toBeInstanceOf(PlanMismatchError);
    expect(gateway.requests).toEqual([]);
    expect(gateway.roleCalls).toEqual([]);
  });

  it("refuses when the template's content hash differs from the one the note records", async () => {
    const { note } = await noteFrom("soap-complete@1");
    const changed: SoapNote = { ...note, provenance: { ...note.provenance, template: { ...note.provenance.template, hash: `sha256:${"0".repeat(64)}` } } };
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    const run = regenerateNoteSection(changed, "plan", { gateway, transcript });
    await expect(run).rejects.toBeInstanceOf(PlanMismatchError);
    await expect(run).rejects.toThrow(/changed since the visit was planned/);
    expect(gateway.requests).toEqual([]);
  });

  it("refuses a template this version of @org/soap-prompts does not have", async () => {
    const { note } = await noteFrom("soap-complete@1");
    const gone: SoapNote = { ...note, provenance: { ...note.provenance, template: { ref: "soap-gone@9.9.9", hash: note.provenance.template.hash } } };
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    await expect(regenerateNoteSection(gone, "plan", { gateway, transcript })).rejects.toBeInstanceOf(PlanMismatchError);
    expect(gateway.requests).toEqual([]);
  });
});

describe("regenerateNoteSection: bound to the transcript's content (#13, cross-patient contamination)", () => {
  const FINGER = "[doctor] what happened to your finger ?\n[patient] i jammed my right index finger in a car door yesterday .";
  const CHEST = "[doctor] tell me about the chest pain .\n[patient] it burns behind my breastbone after meals .";

  it("records the hash of the transcript a note was written from", async () => {
    const dialogue = parseTranscriptText(FINGER);
    const { note } = await noteFrom("soap-complete@1", {}, dialogue);
    expect(note.provenance.transcript_hash).toBe(await transcriptHash(dialogue));
    expect(note.provenance.transcript_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const { note: audio } = await noteFrom("soap-complete@1");
    expect(audio.provenance.transcript_hash).toBe(await transcriptHash(transcript));
  });

  it("refuses another visit's dialogue, naming both hashes, and sends nothing", async () => {
    const { note } = await noteFrom("soap-complete@1", {}, parseTranscriptText(FINGER));
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    const other = parseTranscriptText(CHEST);
    const err = await regenerateNoteSection(note, "plan", { gateway, transcript: other }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TranscriptMismatchError);
    expect(err).toBeInstanceOf(PlanMismatchError);
    const e = err as TranscriptMismatchError;
    expect(e.expectedHash).toBe(note.provenance.transcript_hash);
    expect(e.givenHash).toBe(await transcriptHash(other));
    expect(e.message).toContain(e.expectedHash!.slice(0, 15));
    expect(e.message).toContain(e.givenHash!.slice(0, 15));
    expect(e.message).toMatch(/Nothing was sent/);
    expect(gateway.requests).toEqual([]);
  });

  it("refuses the same dialogue with one word changed or a turn relabelled", async () => {
    const { note } = await noteFrom("soap-complete@1", {}, parseTranscriptText(FINGER));
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    for (const changed of [FINGER.replace("right", "left"), FINGER.replace("[patient]", "[doctor]")]) {
      await expect(regenerateNoteSection(note, "plan", { gateway, transcript: parseTranscriptText(changed) })).rejects.toBeInstanceOf(TranscriptMismatchError);
    }
    expect(gateway.requests).toEqual([]);
    // The same words with other line spacing are the same dialogue.
    const same = parseTranscriptText(FINGER.replace("\n", "\n\n"));
    await expect(regenerateNoteSection(note, "plan", { gateway, transcript: same, clock: () => T1 })).resolves.toBeDefined();
    expect(gateway.requests).toHaveLength(1);
  });

  it("refuses a transcript deleted since the note was written, saying so", async () => {
    const { note } = await noteFrom("soap-complete@1");
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    const deleted = { ...transcript, text: "Deleted by user.", words: null, utterances: null };
    await expect(regenerateNoteSection(note, "plan", { gateway, transcript: deleted })).rejects.toThrow(/tr_visit_1 was deleted at AssemblyAI/);
    expect(gateway.requests).toEqual([]);
  });

  it("refuses a dialogue for an older text note that recorded no hash (it cannot be checked)", async () => {
    const { note } = await noteFrom("soap-complete@1", {}, parseTranscriptText(FINGER));
    const { transcript_hash: _dropped, ...older } = note.provenance;
    const gateway = new FakeVisitGateway({ answer: sectionAnswer });
    await expect(regenerateNoteSection({ ...note, provenance: older }, "plan", { gateway, transcript: parseTranscriptText(FINGER) })).rejects.toThrow(
      /records no transcript hash/,
    );
    expect(gateway.requests).toEqual([]);
  });
});
