import { getTemplate } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { parseTranscriptText } from "../evidence/transcript-text.js";
import { FakeGateway, requestedSection } from "../internal/test-support/fake-gateway.js";
import { generateSoapNote } from "./generate-soap-note.js";
import { regenerateSection } from "./regenerate-section.js";

const dialogue = parseTranscriptText(
  "[doctor] what brings you in ?\n[patient] my knee hurts when i climb stairs .\n[doctor] let's get an x-ray and start ibuprofen .",
);
const base = { model: "model-1", templateHash: "sha256:one", now: () => new Date("2026-11-25T10:00:00Z") };

async function firstNote() {
  const gateway = new FakeGateway(
    () =>
      "## Subjective\nKnee pain, [my knee hurts when i climb stairs].\n## Objective\nNone.\n## Assessment\nPain.\n## Plan\nRest, [i never said this at all].",
  );
  return generateSoapNote({ ...base, gateway, template: getTemplate("soap-complete"), transcript: dialogue });
}

describe("regenerateSection", () => {
  it("changes only the asked section and leaves the others byte for byte", async () => {
    const note = await firstNote();
    expect(note.warnings.map((w) => [w.code, w.section])).toEqual([["unsupported_quote", "plan"]]);
    const gateway = new FakeGateway(() => "X-ray and ibuprofen, [let's get an x-ray and start ibuprofen]");
    const next = await regenerateSection(note, "plan", {
      gateway,
      template: getTemplate("soap-sectioned"),
      templateHash: "sha256:two",
      transcript: dialogue,
      model: "model-2",
      now: () => new Date("2026-11-25T11:00:00Z"),
    });
    expect(gateway.requests).toHaveLength(1);
    expect(requestedSection(gateway.requests[0] as never)).toBe("plan");
    for (const s of ["subjective", "objective", "assessment"] as const) {
      expect(JSON.stringify(next.sections[s])).toBe(JSON.stringify(note.sections[s]));
    }
    expect(next.sections.plan.statements[0]).toMatchObject({ id: "p1", text: "X-ray and ibuprofen", evidence: [{ found: true, speaker: "doctor", role: "clinician" }] });
    expect(next.warnings).toEqual([]);
    expect(next.provenance.template).toEqual(note.provenance.template);
    expect(next.provenance.history).toEqual([
      {
        section: "plan",
        regenerated_at: "2026-11-25T11:00:00.000Z",
        template: { ref: `soap-sectioned@${getTemplate("soap-sectioned").version}`, hash: "sha256:two" },
        model: "model-2",
        usage: { input_tokens: 100, output_tokens: 10, total_tokens: 110 },
        previous: { template: note.provenance.template, model: "model-1", created_at: "2026-11-25T10:00:00.000Z" },
      },
    ]);
  });

  it("records the previous regeneration as the origin of a second one", async () => {
    const note = await firstNote();
    const gateway = new FakeGateway(() => "Ibuprofen.");
    const o = { gateway, template: getTemplate("soap-sectioned"), templateHash: "sha256:two", transcript: dialogue };
    const once = await regenerateSection(note, "plan", { ...o, model: "model-2", now: () => new Date("2026-11-25T11:00:00Z") });
    const twice = await regenerateSection(once, "plan", { ...o, model: "model-3", now: () => new Date("2026-11-25T12:00:00Z") });
    expect(twice.provenance.history?.[1]?.previous).toEqual({
      template: { ref: `soap-sectioned@${getTemplate("soap-sectioned").version}`, hash: "sha256:two" },
      model: "model-2",
      created_at: "2026-11-25T11:00:00.000Z",
    });
    expect(JSON.stringify(twice.sections.subjective)).toBe(JSON.stringify(note.sections.subjective));
  });

  it("regenerates a section of a structured template from a one-section JSON answer", async () => {
    const note = await firstNote();
    const gateway = new FakeGateway(() => JSON.stringify({ statements: [{ text: "Knee pain.", evidence: [{ quote: "my knee hurts", speaker: "patient" }] }] }));
    const next = await regenerateSection(note, "subjective", { gateway, template: getTemplate("soap-structured"), templateHash: "h", transcript: dialogue, model: "m" });
    expect(gateway.requests[0]?.response_format?.type).toBe("json_schema");
    expect(next.sections.subjective.statements[0]?.evidence[0]).toMatchObject({ quote: "my knee hurts", found: true });
    expect(JSON.stringify(next.sections.plan)).toBe(JSON.stringify(note.sections.plan));
    expect(next.warnings.map((w) => w.section)).toEqual(["plan"]);
  });
});
