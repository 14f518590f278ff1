import { getTemplate } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { parseTranscriptText } from "../evidence/transcript-text.js";
import { FakeGateway, flush, requestedSection, type Section } from "../internal/test-support/fake-gateway.js";
import { SoapNote } from "../note/soap-note.js";
import { SectionGenerationError, StructuredAnswerError } from "./generation-errors.js";
import { generateSoapNote } from "./generate-soap-note.js";

const dialogue = parseTranscriptText(
  "[doctor] what brings you in ?\n[patient] my knee hurts when i climb stairs .\n[doctor] let's get an x-ray and start ibuprofen .",
);
const transcript = {
  id: "tr_123",
  status: "completed" as const,
  text: "What brings you in? My knee hurts when I climb stairs.",
  words: [
    { text: "What", start: 0, end: 200, confidence: 1, speaker: "A" },
    { text: "brings", start: 200, end: 400, confidence: 1, speaker: "A" },
    { text: "you", start: 400, end: 500, confidence: 1, speaker: "A" },
    { text: "in?", start: 500, end: 700, confidence: 1, speaker: "A" },
    { text: "My", start: 1000, end: 1100, confidence: 1, speaker: "B" },
    { text: "knee", start: 1100, end: 1300, confidence: 1, speaker: "B" },
    { text: "hurts", start: 1300, end: 1600, confidence: 1, speaker: "B" },
    { text: "when", start: 1600, end: 1700, confidence: 1, speaker: "B" },
    { text: "I", start: 1700, end: 1800, confidence: 1, speaker: "B" },
    { text: "climb", start: 1800, end: 2000, confidence: 1, speaker: "B" },
    { text: "stairs.", start: 2000, end: 2400, confidence: 1, speaker: "B" },
  ],
};
const base = { model: "test-model", templateHash: "sha256:fixed", now: () => new Date("2026-11-25T10:00:00Z") };
let ticks = 0;
const clock = () => (ticks += 50);

const sectionAnswers: Record<Section, string> = {
  subjective: "Knee pain on stairs, [my knee hurts when i climb stairs]",
  objective: "No findings recorded.",
  assessment: "Likely patellofemoral pain.",
  plan: "X-ray and ibuprofen, [let's get an x-ray and start ibuprofen]",
};

describe("generateSoapNote, complete mode", () => {
  it("makes one request, parses the answer, checks quotes and records provenance", async () => {
    const gateway = new FakeGateway(
      () => "Here you go.\n## Subjective\nKnee pain, \"my knee hurts when I climb stairs\".\n## Objective\nNone.\n## Assessment\nPain.\n## Plan\nX-ray.",
    );
    const note = await generateSoapNote({ ...base, clock, gateway, template: getTemplate("soap-complete"), transcript, speakerRoles: { A: "clinician", B: "patient" } });
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]).toMatchObject({ model: "test-model", transcript_id: "tr_123" });
    expect(note.sections.subjective.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "B", role: "patient", start_ms: 1000, end_ms: 2400 });
    expect(note.unassigned).toEqual([{ text: "Here you go." }]);
    expect(note.provenance).toMatchObject({
      template: { ref: `soap-complete@${getTemplate("soap-complete").version}`, hash: "sha256:fixed" },
      mode: "complete",
      transcript_id: "tr_123",
      transcript_source: "assemblyai",
      created_at: "2026-11-25T10:00:00.000Z",
      usage: { input_tokens: 100, output_tokens: 10, total_tokens: 110 },
      latency_ms: 50,
      requests: 1,
    });
    expect(SoapNote.safeParse(note).success).toBe(true);
  });

  it("sends a plain-text dialogue inline and flags a headless answer as parse_fallback", async () => {
    const gateway = new FakeGateway(() => "I cannot write a note.");
    const note = await generateSoapNote({ ...base, gateway, template: getTemplate("soap-complete"), transcript: dialogue });
    expect(gateway.requests[0]?.transcript_id).toBeUndefined();
    expect(JSON.stringify(gateway.requests[0]?.messages)).toContain("my knee hurts when i climb stairs");
    expect(note.provenance.transcript_source).toBe("text");
    expect(note.warnings.map((w) => w.code)).toContain("parse_fallback");
  });
});

describe("generateSoapNote, sectioned mode", () => {
  it("runs the four section requests in parallel, never more than the bound", async () => {
    const gateway = new FakeGateway((req) => sectionAnswers[requestedSection(req) ?? "plan"], true);
    const pending = generateSoapNote({ ...base, gateway, template: getTemplate("soap-sectioned"), transcript: dialogue, concurrency: 2 });
    await flush(50);
    expect(gateway.pending).toBe(2);
    expect(gateway.maxActive).toBe(2);
    gateway.release(1);
    await flush(50);
    expect(gateway.pending).toBe(2);
    gateway.release(3);
    await flush(50);
    gateway.release(3);
    const note = await pending;
    expect(gateway.requests).toHaveLength(4);
    expect(gateway.maxActive).toBe(2);
    expect(note.sections.plan.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "doctor", role: "clinician" });
    expect(note.sections.subjective.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "patient" });
    expect(note.provenance.requests).toBe(4);
    expect(note.provenance.usage.total_tokens).toBe(440);
  });

  it("runs all four at once with a bound of 4", async () => {
    const gateway = new FakeGateway((req) => sectionAnswers[requestedSection(req) ?? "plan"], true);
    const pending = generateSoapNote({ ...base, gateway, template: getTemplate("soap-sectioned"), transcript: dialogue, concurrency: 4 });
    await flush(50);
    expect(gateway.maxActive).toBe(4);
    gateway.release(4);
    await pending;
  });

  it("keeps the sections that succeeded and names the failed ones", async () => {
    const gateway = new FakeGateway((req) => {
      const s = requestedSection(req) ?? "plan";
      return s === "objective" || s === "plan" ? new Error("upstream 500") : sectionAnswers[s];
    });
    const error = await generateSoapNote({ ...base, gateway, template: getTemplate("soap-sectioned"), transcript: dialogue }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SectionGenerationError);
    const e = error as SectionGenerationError;
    expect(e.missingSections).toEqual(["objective", "plan"]);
    expect(e.message).toBe("section request(s) failed: objective, plan");
    expect(e.note.sections.subjective.text).toContain("Knee pain on stairs");
    expect(e.note.warnings.filter((w) => w.code === "section_failed").map((w) => w.section)).toEqual(["objective", "plan"]);
    expect(e.note.warnings.some((w) => w.code === "missing_section")).toBe(false);

    const partial = await generateSoapNote({ ...base, gateway, template: getTemplate("soap-sectioned"), transcript: dialogue, allowPartial: true });
    expect(partial.sections.assessment.text).toBe("Likely patellofemoral pain.");
  });
});

const structured = (quote: string) =>
  JSON.stringify({
    subjective: { statements: [{ text: "Knee pain on stairs.", evidence: [{ quote, speaker: "patient" }] }] },
    objective: { statements: [] },
    assessment: { statements: [{ text: "Patellofemoral pain.", evidence: [] }] },
    plan: { statements: [{ text: "X-ray.", evidence: [{ quote: "let's get an x-ray", speaker: "doctor" }] }] },
  });

describe("generateSoapNote, structured mode", () => {
  it("uses the validated statements and evidence of a JSON answer", async () => {
    const gateway = new FakeGateway(() => "```json\n" + structured("my knee hurts") + "\n```");
    const note = await generateSoapNote({ ...base, gateway, template: getTemplate("soap-structured"), transcript: dialogue });
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]?.response_format?.type).toBe("json_schema");
    expect(note.sections.subjective.statements).toEqual([
      { id: "s1", text: "Knee pain on stairs.", evidence: [expect.objectContaining({ quote: "my knee hurts", found: true, speaker: "patient" })] },
    ]);
    expect(note.warnings.map((w) => w.code)).toEqual(["empty_section"]);
  });

  it("repairs once when the answer does not fit, then succeeds", async () => {
    const gateway = new FakeGateway((_req, call) => (call === 0 ? '{"subjective": {}}' : structured("my knee hurts")));
    const note = await generateSoapNote({ ...base, gateway, template: getTemplate("soap-structured"), transcript: dialogue });
    expect(gateway.requests).toHaveLength(2);
    const repair = gateway.requests[1]?.messages ?? [];
    expect(repair.at(-2)).toEqual({ role: "assistant", content: '{"subjective": {}}' });
    expect(String(repair.at(-1)?.content)).toContain("did not match the required JSON schema");
    expect(note.warnings.map((w) => w.code)).toContain("repair_retry");
    expect(note.provenance.requests).toBe(2);
  });

  it("throws StructuredAnswerError when the repair does not fit either", async () => {
    const gateway = new FakeGateway(() => "not json");
    await expect(generateSoapNote({ ...base, gateway, template: getTemplate("soap-structured"), transcript: dialogue })).rejects.toBeInstanceOf(
      StructuredAnswerError,
    );
    expect(gateway.requests).toHaveLength(2);
  });
});
