import { getTemplate, type SoapTemplate } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "../clients/gateway/chat-schemas.js";
import { FakeGateway, requestedSection, type Section } from "../internal/test-support/fake-gateway.js";
import { SoapNote, type Evidence, type SoapNote as Note } from "../note/soap-note.js";
import { completedTranscript } from "../visit/test-support/fake-visit-clients.js";
import { ROLES_WARNING_CODE } from "./answer-roles.js";
import { generateSoapNote } from "./generate-soap-note.js";
import { regenerateSection } from "./regenerate-section.js";

// Speaker A (the clinician) and B (the patient); the prompt shows them as "Speaker A: …" lines.
const transcript = completedTranscript("tr_roles");
const base = { model: "m", templateHash: "sha256:fixed", transcript, transcriptMode: "inline" as const };
const PATIENT_QUOTE = "My right knee has been hurting for two weeks";
const CLINICIAN_QUOTE = "start you on ibuprofen and physical therapy";
const rolesLine = (clinician: string, patient: string) => `Speaker roles: {"clinician": "${clinician}", "patient": "${patient}"}`;
const markdown = (roles: string) =>
  `## Subjective\n- "${PATIENT_QUOTE}"\n## Objective\nNot discussed.\n## Assessment\nKnee pain.\n## Plan\n- "${CLINICIAN_QUOTE}"\n${roles}`;
const statements = (section: Section) =>
  section === "subjective"
    ? [{ text: "Knee pain for two weeks.", evidence: [{ quote: PATIENT_QUOTE, speaker: "B" }] }]
    : section === "plan"
      ? [{ text: "Ibuprofen and physical therapy.", evidence: [{ quote: CLINICIAN_QUOTE, speaker: "A" }] }]
      : [];
const structured = (roles: unknown) =>
  JSON.stringify({
    ...(roles === undefined ? {} : { speaker_roles: roles }),
    subjective: { statements: statements("subjective") },
    objective: { statements: [] },
    assessment: { statements: [{ text: "Knee pain.", evidence: [] }] },
    plan: { statements: statements("plan") },
  });

const userText = (req: ChatCompletionRequest | undefined) => (req?.messages ?? []).map((m) => (typeof m.content === "string" ? m.content : "")).join("\n");
const asksRoles = (req: ChatCompletionRequest | undefined) => userText(req).includes('Speaker roles: {"clinician": "<label>", "patient": "<label>"}');
const evidence = (note: Note): Evidence[] => Object.values(note.sections).flatMap((s) => s.statements.flatMap((st) => st.evidence));
const roleWarnings = (note: Note) => note.warnings.filter((w) => w.code === ROLES_WARNING_CODE);

async function generate(template: SoapTemplate, answer: (req: ChatCompletionRequest) => string, extra: Record<string, unknown> = {}) {
  const gateway = new FakeGateway((req) => answer(req));
  const note = await generateSoapNote({ ...base, gateway, template, ...extra });
  expect(SoapNote.safeParse(note).success).toBe(true);
  return { note, gateway };
}

describe("speaker roles named in the generation request (no extra request)", () => {
  it("complete: applies the last line's roles to the quotes and keeps the line out of the note", async () => {
    const { note, gateway } = await generate(getTemplate("soap-complete@1.1.0"), () => markdown(rolesLine("A", "B")));
    expect(gateway.requests).toHaveLength(1);
    expect(asksRoles(gateway.requests[0])).toBe(true);
    expect(note.sections.subjective.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "B", role: "patient" });
    expect(note.sections.plan.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "A", role: "clinician" });
    expect(note.sections.plan.text).not.toMatch(/speaker roles/i);
    expect(roleWarnings(note)).toEqual([]);
    expect(note.provenance.requests).toBe(1);
  });

  it("complete: an invented label gives no roles and a warning, and the note is still written", async () => {
    const { note } = await generate(getTemplate("soap-complete@1.1.0"), () => markdown(rolesLine("Z", "Q")));
    expect(evidence(note).every((e) => e.role === undefined && (e.speaker === "A" || e.speaker === "B"))).toBe(true);
    expect(roleWarnings(note)).toEqual([expect.objectContaining({ message: expect.stringMatching(/^speaker roles are unknown: .*not a speaker label of this transcript/) })]);
    expect(note.sections.plan.statements).toHaveLength(1);
  });

  it("complete: a missing line gives a warning, not a failure", async () => {
    const { note } = await generate(getTemplate("soap-complete@1.1.0"), () => markdown(""));
    expect(evidence(note).some((e) => e.role !== undefined)).toBe(false);
    expect(roleWarnings(note)).toEqual([expect.objectContaining({ message: expect.stringMatching(/did not say which speaker is the clinician/) })]);
  });

  it("structured: reads speaker_roles, and a broken field costs the roles only (no repair retry)", async () => {
    const good = await generate(getTemplate("soap-structured@3.0.0"), () => structured({ clinician: "Speaker A", patient: "Speaker B" }));
    expect(good.gateway.requests[0]?.response_format?.json_schema.schema).toHaveProperty("properties.speaker_roles");
    expect(evidence(good.note).map((e) => e.role)).toEqual(["patient", "clinician"]);
    expect(roleWarnings(good.note)).toEqual([]);
    for (const bad of ["A is the doctor", undefined, { clinician: "B", patient: "B" }]) {
      const { note, gateway } = await generate(getTemplate("soap-structured@3.0.0"), () => structured(bad));
      expect(gateway.requests, JSON.stringify(bad)).toHaveLength(1);
      expect(note.warnings.map((w) => w.code).sort(), JSON.stringify(bad)).toEqual(["empty_section", ROLES_WARNING_CODE]);
      expect(evidence(note).every((e) => e.role === undefined)).toBe(true);
    }
  });

  it("sectioned: asks once, in the first request, and applies its roles to every section", async () => {
    const { note, gateway } = await generate(getTemplate("soap-sectioned@1.1.0"), (req) => {
      const section = requestedSection(req) ?? "plan";
      const body = statements(section).map((s) => `- "${s.evidence[0]?.quote}"`).join("\n") || "Not discussed.";
      return asksRoles(req) ? `${body}\n${rolesLine("A", "B")}` : body;
    });
    expect(gateway.requests.map((r) => [requestedSection(r), asksRoles(r)])).toEqual([
      ["subjective", true],
      ["objective", false],
      ["assessment", false],
      ["plan", false],
    ]);
    expect(note.sections.plan.statements[0]?.evidence[0]).toMatchObject({ speaker: "A", role: "clinician" });
    expect(note.sections.subjective.statements[0]?.evidence[0]).toMatchObject({ speaker: "B", role: "patient" });
    expect(note.sections.subjective.text).not.toMatch(/speaker roles/i);
    expect(roleWarnings(note)).toEqual([]);
  });

  it("sectioned: when the request that asked fails, the partial note says roles are unknown", async () => {
    const gateway = new FakeGateway((req) => (asksRoles(req) ? new Error("upstream 500") : "Not discussed."));
    const note = await generateSoapNote({ ...base, gateway, template: getTemplate("soap-sectioned@1.1.0"), allowPartial: true });
    expect(note.warnings.filter((w) => w.code === "section_failed").map((w) => w.section)).toEqual(["subjective"]);
    expect(roleWarnings(note)).toEqual([expect.objectContaining({ message: expect.stringMatching(/request that asked for speaker roles failed/) })]);
  });

  it("given roles win and nothing is asked; a released template without the ask behaves as before", async () => {
    const given = await generate(getTemplate("soap-complete@1.1.0"), () => markdown(""), { speakerRoles: { A: "clinician", B: "patient" } });
    expect(asksRoles(given.gateway.requests[0])).toBe(false);
    expect(evidence(given.note).map((e) => e.role)).toEqual(["patient", "clinician"]);
    expect(roleWarnings(given.note)).toEqual([]);
    const legacy = await generate(getTemplate("soap-complete@1.0.0"), () => markdown(""));
    expect(asksRoles(legacy.gateway.requests[0])).toBe(false);
    expect(roleWarnings(legacy.note)).toEqual([]);
  });
});

describe("speaker roles in transcript_id mode", () => {
  it("cannot ask (the model gets plain text), so quotes keep their letters and a warning says why and what to do", async () => {
    const { note, gateway } = await generate(getTemplate("soap-complete@1.1.0"), () => markdown(""), { transcriptMode: "transcript_id" });
    expect(gateway.requests[0]?.transcript_id).toBe("tr_roles");
    expect(asksRoles(gateway.requests[0])).toBe(false);
    expect(evidence(note).map((e) => [e.speaker, e.role])).toEqual([["B", undefined], ["A", undefined]]);
    expect(roleWarnings(note)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/transcript_id mode .* without speaker labels.*send the transcript inline .* or turn on speaker role identification/) }),
    ]);
  });

  it("uses roles given by /v1/understanding without a warning", async () => {
    const { note } = await generate(getTemplate("soap-complete@1.1.0"), () => markdown(""), { transcriptMode: "transcript_id", speakerRoles: { A: "clinician", B: "patient" } });
    expect(evidence(note).map((e) => e.role)).toEqual(["patient", "clinician"]);
    expect(roleWarnings(note)).toEqual([]);
  });

  it("says nothing about roles for a transcript without speaker labels", async () => {
    const plain = { ...completedTranscript("tr_plain", false), words: completedTranscript("tr_plain").words?.map(({ speaker: _s, ...w }) => w) };
    const { note } = await generate(getTemplate("soap-complete@1.1.0"), () => markdown(""), { transcript: plain, transcriptMode: "transcript_id" });
    expect(roleWarnings(note)).toEqual([]);
  });
});

describe("regenerateSection and roles", () => {
  it("asks in the one-section request when the note has no roles, and applies them to the new section only", async () => {
    const { note } = await generate(getTemplate("soap-complete@1.0.0"), () => markdown(""));
    const gateway = new FakeGateway(() => `Ibuprofen, [${CLINICIAN_QUOTE}]\n${rolesLine("A", "Z")}`);
    const next = await regenerateSection(note, "plan", { gateway, template: getTemplate("soap-sectioned@1.1.0"), transcript, transcriptMode: "inline", model: "m" });
    expect(asksRoles(gateway.requests[0])).toBe(true);
    expect(next.sections.plan.statements[0]?.evidence[0]).toMatchObject({ speaker: "A", role: "clinician" });
    expect(next.sections.plan.text).not.toMatch(/speaker roles/i);
    expect(JSON.stringify(next.sections.subjective)).toBe(JSON.stringify(note.sections.subjective));
    expect(roleWarnings(next)).toEqual([expect.objectContaining({ section: "plan", message: expect.stringMatching(/patient label it named is not a speaker label/) })]);
  });
});
