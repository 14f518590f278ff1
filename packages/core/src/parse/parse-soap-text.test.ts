import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invariantViolations } from "../internal/test-support/parse-invariant.js";
import { parseSoapText } from "./parse-soap-text.js";
import { SoapParseError } from "./soap-parse-error.js";

const texts = (input: string) => {
  const p = parseSoapText(input);
  expect(invariantViolations(input, p)).toEqual([]);
  return Object.fromEntries(Object.entries(p.sections).map(([k, v]) => [k, v.text]));
};

describe("parseSoapText", () => {
  it("reads markdown headings of any level", () => {
    expect(texts("# Subjective\nknee pain\n### Objective\nswelling\n###### Assessment\nsprain\n## Plan\nice")).toEqual({
      subjective: "knee pain",
      objective: "swelling",
      assessment: "sprain",
      plan: "ice",
    });
  });

  it("reads bold titles with and without inline text", () => {
    expect(texts("**Subjective:** knee pain\n__Objective:__\nswelling\n**Assessment**\nsprain\n1. **Plan:** ice")).toEqual({
      subjective: "knee pain",
      objective: "swelling",
      assessment: "sprain",
      plan: "ice",
    });
  });

  it("reads S:/O:/A:/P: and SUBJECTIVE: labels with CRLF line ends", () => {
    expect(texts("S: knee pain\r\nO: swelling\r\nASSESSMENT: sprain\r\nP:\r\n- ice\r\n- rest\r\n")).toEqual({
      subjective: "knee pain",
      objective: "swelling",
      assessment: "sprain",
      plan: "- ice\n- rest",
    });
  });

  it("keeps text before the first heading in the preamble and ignores code fences", () => {
    const input = "Here is the note:\n```markdown\n## Subjective\npain\n## Plan\nrest\n```\nLet me know if you need changes.";
    const p = parseSoapText(input);
    expect(invariantViolations(input, p)).toEqual([]);
    expect(p.preamble).toBe("Here is the note:");
    expect(p.sections.plan.text).toBe("rest");
    expect(p.unassigned).toEqual([{ text: "Let me know if you need changes." }]);
    expect(p.segments.filter((s) => s.kind === "markup")).toHaveLength(2);
  });

  it("puts blocks under unknown top-level markdown headings in unassigned, deeper ones in the text", () => {
    const input = "## Subjective\npain\n### Details\nsince Monday\n## Billing\ncode 99213\n## Plan\nrest";
    const p = parseSoapText(input);
    expect(p.sections.subjective.text).toBe("pain\n### Details\nsince Monday");
    expect(p.unassigned).toEqual([{ heading: "Billing", text: "code 99213" }]);
    expect(p.sections.plan.text).toBe("rest");
  });

  it("maps clinician headings to sections and keeps them as sub-headings in the text", () => {
    const input = "CHIEF COMPLAINT\nCough.\n\nHPI: Cough for 3 days.\n\nVITAL SIGNS\nBP 120/80\n\nIMPRESSION\nViral URI.\n\nPLAN\nFluids.";
    const p = parseSoapText(input);
    expect(p.sections.subjective.text).toBe("CHIEF COMPLAINT\nCough.\n\nHPI: Cough for 3 days.");
    expect(p.sections.subjective.headings).toEqual(["CHIEF COMPLAINT", "HPI"]);
    expect(p.sections.objective.text).toBe("VITAL SIGNS\nBP 120/80");
    expect(p.sections.assessment.text).toBe("IMPRESSION\nViral URI.");
    expect(p.sections.plan.text).toBe("Fluids.");
  });

  it("keeps a clinician heading nested under a higher SOAP heading in that section", () => {
    const p = parseSoapText("## Plan\nMedications:\n- start ibuprofen");
    expect(p.sections.plan.text).toBe("Medications:\n- start ibuprofen");
    expect(p.sections.subjective.found).toBe(false);
  });

  it("splits ASSESSMENT AND PLAN: plan-like lines to Plan, the rest to Assessment", () => {
    const input =
      "ASSESSMENT AND PLAN\nKnee sprain.\n• Medical Reasoning: Exam consistent with sprain.\n• Medical Treatment: Ibuprofen 600 mg.\nWe will order an MRI.\nFollow up in 2 weeks.\nOrder physical therapy.";
    const p = parseSoapText(input);
    expect(p.sections.assessment.text).toBe("Knee sprain.\n• Medical Reasoning: Exam consistent with sprain.");
    expect(p.sections.plan.text).toBe("• Medical Treatment: Ibuprofen 600 mg.\nWe will order an MRI.\nFollow up in 2 weeks.\nOrder physical therapy.");
  });

  it("keeps ASSESSMENT AND PLAN under both sections in 'both' mode", () => {
    const p = parseSoapText("## Assessment and Plan\nSprain. Ice it.", { assessmentAndPlan: "both" });
    expect(p.sections.assessment.text).toBe("Sprain. Ice it.");
    expect(p.sections.plan.text).toBe("Sprain. Ice it.");
    expect(p.sections.plan.found).toBe(true);
  });

  it("puts headless text in the requested section for one-section answers", () => {
    const p = parseSoapText("Patient reports headaches, [my head hurts every morning]", { section: "subjective" });
    expect(p.sections.subjective.text).toBe("Patient reports headaches, [my head hurts every morning]");
    expect(p.preamble).toBe("");
  });

  it("does not take prose with a colon or bold emphasis for a heading", () => {
    const p = parseSoapText("## Subjective\nNote: the patient is anxious.\n**Important** fact here\nConstitutional: no fever");
    expect(p.sections.subjective.text).toBe("Note: the patient is anxious.\n**Important** fact here\nConstitutional: no fever");
  });

  it("marks sections without a heading as not found", () => {
    const p = parseSoapText("just some text");
    expect(p.preamble).toBe("just some text");
    expect(Object.values(p.sections).every((s) => !s.found && s.text === "")).toBe(true);
  });

  it("throws SoapParseError for non-string and oversized input", () => {
    expect(() => parseSoapText(42 as unknown as string)).toThrow(SoapParseError);
    expect(() => parseSoapText("x".repeat(11), { maxLength: 10 })).toThrow(expect.objectContaining({ code: "input_too_large", name: "SoapParseError" }));
  });
});

const pieces = fc.constantFrom(
  "# Subjective", "## Objective", "**Assessment:**", "__Plan:__", "S:", "P: rest", "SUBJECTIVE:", "ASSESSMENT AND PLAN",
  "CHIEF COMPLAINT", "HPI: cough", "PHYSICAL EXAM", "## Billing", "### Details", "```", "~~~json", "- item one", "1. item",
  "• Medical Treatment: Increase Lasix.", "Follow up in 2 weeks.", "We will order labs.", "", "   ", "\t", "text [quote here] more",
  "**bold** thing", "Constitutional: fine", "A:", "#", "**", "__", ":", "1.", "\r", "Let me know if needed.", "## S (Subjective)",
);
const lineArb = fc.oneof(pieces, fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }));
const docArb = fc.array(lineArb, { maxLength: 30 }).chain((ls) => fc.constantFrom("\n", "\r\n").map((nl) => ls.join(nl)));

describe("parseSoapText properties", () => {
  it("holds the no-text-lost invariant on arbitrary and heading-heavy inputs", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), docArb), fc.constantFrom("split", "both"), fc.option(fc.constantFrom("subjective", "plan")), (input, mode, section) => {
        const p = parseSoapText(input, section ? { assessmentAndPlan: mode, section } : { assessmentAndPlan: mode });
        expect(invariantViolations(input, p)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("throws only SoapParseError on mutated notes", () => {
    const base = "## Subjective\r\nPain, \"it hurts\".\n**Plan:** rest\nASSESSMENT AND PLAN\nSprain.\n";
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length), fc.nat(5), fc.string({ maxLength: 6 })), { maxLength: 8 }), (edits) => {
        let s = base;
        for (const [at, del, ins] of edits) s = s.slice(0, at) + ins + s.slice(at + del);
        try {
          const p = parseSoapText(s);
          expect(invariantViolations(s, p)).toEqual([]);
        } catch (error) {
          expect(error).toBeInstanceOf(SoapParseError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseSoapText and hash redaction", () => {
  it("reads a line starting with a hash-redacted name as prose, not a markdown heading", () => {
    const p = parseSoapText("## Assessment\n#### is a 58-year-old male with a sprain.\n## Plan\nrest");
    expect(p.sections.assessment.text).toBe("#### is a 58-year-old male with a sprain.");
    expect(p.unassigned).toEqual([]);
  });

  it("reports a violation when a section loses text (the invariant checker can fail)", () => {
    const input = "## Subjective\npain\n## Plan\nrest";
    const p = parseSoapText(input);
    p.sections.plan.text = "";
    expect(invariantViolations(input, p)).toEqual(["plan does not hold its body segments"]);
  });
});

describe("parseSoapText heading variants", () => {
  it("reads titles with a parenthetical or a dash", () => {
    const input = "## S (Subjective)\npain\n## Objective (O)\nswelling\n**A - Assessment**\nsprain\n### P – Plan\nrest";
    expect(texts(input)).toEqual({ subjective: "pain", objective: "swelling", assessment: "sprain", plan: "rest" });
  });
});

describe("parseSoapText sign-off chatter", () => {
  it("moves a last 'Let me know…' paragraph out of Plan into unassigned", () => {
    const input = "## Subjective\npain\n## Plan\nrest\n\nLet me know if you would like any changes.\n";
    const p = parseSoapText(input);
    expect(invariantViolations(input, p)).toEqual([]);
    expect(p.sections.plan.text).toBe("rest");
    expect(p.unassigned).toEqual([{ text: "Let me know if you would like any changes." }]);
  });

  it("keeps a last paragraph that is clinical content", () => {
    const p = parseSoapText("## Plan\nrest\n\nFollow up in 2 weeks.");
    expect(p.sections.plan.text).toBe("rest\n\nFollow up in 2 weeks.");
    expect(p.unassigned).toEqual([]);
  });
});

describe("parseSoapText labels inside sections", () => {
  it("does not take 'Problem - Plan:' prose for a Plan heading", () => {
    const p = parseSoapText("ASSESSMENT\nHypertension - Plan: continue lisinopril.\nDiabetes.\nPLAN\nLabs.");
    expect(p.sections.assessment.text).toBe("Hypertension - Plan: continue lisinopril.\nDiabetes.");
    expect(p.sections.plan.text).toBe("Labs.");
  });
});
