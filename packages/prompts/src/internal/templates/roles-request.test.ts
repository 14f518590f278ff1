import { describe, expect, it } from "vitest";
import { ROLES_LINE_PREFIX } from "../render/roles-request.js";
import { getTemplate, listTemplates, templateRef } from "../registry.js";
import { SOAP_SECTIONS } from "../sections.js";
import { sectionWordsNamed, textOutsideTranscript } from "../test-support/requests.js";
import type { RenderedRequest, SoapTemplate, TemplateInput } from "../types.js";

const unlabelledRoles: TemplateInput = { transcript: { kind: "text", text: "Speaker A: What brings you in?\nSpeaker B: My knee hurts." } };
const givenRoles: TemplateInput = { ...unlabelledRoles, speakerRoles: { A: "clinician", B: "patient" } };
const byId: TemplateInput = { transcript: { kind: "transcript_id", transcriptId: "t-1" } };

const ASKING = ["soap-complete@1.1.0", "soap-sectioned@1.1.0", "soap-structured@3.0.0"];
const PREVIOUS: Record<string, string> = {
  "soap-complete@1.1.0": "soap-complete@1.0.0",
  "soap-sectioned@1.1.0": "soap-sectioned@1.0.0",
  "soap-structured@3.0.0": "soap-structured@2.0.0",
};

function allOf(t: SoapTemplate, input: TemplateInput): RenderedRequest[] {
  return [...t.render(input), ...SOAP_SECTIONS.map((s) => t.renderSection(input, s))];
}

/** A request without its roles marker, for comparison with a previous version's request. */
function sent(r: RenderedRequest): Omit<RenderedRequest, "asksSpeakerRoles"> {
  const { asksSpeakerRoles: _a, ...rest } = r;
  return rest;
}

describe("speaker roles in the generation request", () => {
  it("only the templates that label roles ever set asksSpeakerRoles", () => {
    for (const t of listTemplates()) {
      const asks = allOf(t, unlabelledRoles).some((r) => r.asksSpeakerRoles === true);
      expect(asks, templateRef(t)).toBe(ASKING.includes(templateRef(t)));
    }
  });

  it.each(ASKING)("%s asks for roles in inline text without given roles, and names no section in the ask", (ref) => {
    const t = getTemplate(ref);
    for (const s of SOAP_SECTIONS) {
      const r = t.renderSection(unlabelledRoles, s);
      expect(r.asksSpeakerRoles, s).toBe(true);
      expect(sectionWordsNamed(r), `${ref} ${s}`).toEqual([s]);
    }
    const whole = t.render(unlabelledRoles);
    expect(whole[0]?.asksSpeakerRoles).toBe(true);
    // Sectioned asks once per note (the first request), not four times.
    expect(whole.filter((r) => r.asksSpeakerRoles).length).toBe(1);
  });

  it.each(ASKING)("%s sends exactly its previous version's request when it cannot or need not ask", (ref) => {
    const t = getTemplate(ref);
    const previous = getTemplate(PREVIOUS[ref] as string);
    for (const input of [byId, givenRoles]) {
      expect(allOf(t, input).some((r) => r.asksSpeakerRoles)).toBe(false);
      expect(allOf(t, input).map(sent)).toEqual(allOf(previous, input));
    }
  });

  it("free-text modes ask for one machine-readable last line", () => {
    for (const ref of ["soap-complete@1.1.0", "soap-sectioned@1.1.0"]) {
      const [first] = getTemplate(ref).render(unlabelledRoles);
      const text = textOutsideTranscript(first as RenderedRequest);
      expect(text, ref).toContain(`${ROLES_LINE_PREFIX} {"clinician": "<label>", "patient": "<label>"}`);
      expect(text, ref).toMatch(/on a last line of its own/);
      expect(first?.response_format, ref).toBeUndefined();
    }
  });

  it("structured mode asks for a required speaker_roles field in the strict schema", () => {
    const t = getTemplate("soap-structured@3.0.0");
    const [whole] = t.render(unlabelledRoles);
    const schema = whole?.response_format?.json_schema.schema as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(["speaker_roles", "subjective", "objective", "assessment", "plan"]);
    expect(schema.required).toContain("speaker_roles");
    expect(textOutsideTranscript(whole as RenderedRequest)).toMatch(/In "speaker_roles", give the label of the speaker who is the clinician/);
    const section = t.renderSection(unlabelledRoles, "plan").response_format?.json_schema.schema as { properties: object };
    expect(Object.keys(section.properties)).toEqual(["speaker_roles", "statements"]);
    const [noAsk] = t.render(byId);
    expect(Object.keys((noAsk?.response_format?.json_schema.schema as { properties: object }).properties)).not.toContain("speaker_roles");
  });

  it("keeps the ask outside the transcript fence, before it", () => {
    for (const ref of ASKING) {
      const [r] = getTemplate(ref).render(unlabelledRoles);
      const user = r?.messages.find((m) => m.role === "user")?.content ?? "";
      const fence = user.indexOf("\n<transcript>\n");
      expect(fence, ref).toBeGreaterThan(0);
      expect(user.indexOf("The transcript labels each turn with its speaker."), ref).toBeLessThan(fence);
      expect(user.endsWith("\n</transcript>"), ref).toBe(true);
    }
  });
});
