import { describe, expect, it } from "vitest";
import { expectValidR4Bundle } from "../internal/test-support/fhir-validator.js";
import { sampleNote as note } from "../internal/test-support/sample-note.js";
import type { SoapNote } from "../note/soap-note.js";
import type { FhirBundle, FhirComposition, FhirDetectedIssue, FhirDocumentReference, FhirProvenance } from "./fhir-r4.js";
import { AI_ASSERTED_LABEL, NOTE_WARNING_CODE_SYSTEM } from "./fhir-review.js";
import { AI_DRAFT_HEADLINE } from "./review-notice.js";
import { REVIEW_SECTION_TITLE, SECTION_LOINC, toFhirBundle } from "./to-fhir-bundle.js";
import { toMarkdown } from "./to-markdown.js";

const resources = <T>(b: FhirBundle, type: string): T[] =>
  (b.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === type) as T[];
const composition = (b: FhirBundle): FhirComposition => b.entry?.[0]?.resource as FhirComposition;

describe("toFhirBundle", () => {
  let n = 0;
  const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
  const build = (from: SoapNote = note()) => {
    n = 0;
    const b = toFhirBundle(from, { uuid, subject: { reference: "Patient/p1" }, encounter: { reference: "Encounter/e1" } });
    expectValidR4Bundle(b);
    return b;
  };

  it("is a document Bundle with identifier and timestamp whose first entry is the Composition", () => {
    const b = build();
    expect(b).toMatchObject({
      resourceType: "Bundle",
      type: "document",
      identifier: { system: "urn:ietf:rfc:3986", value: "urn:uuid:00000000-0000-4000-8000-000000000001" },
      timestamp: "2026-11-25T09:00:00.000Z",
    });
    expect(b.entry?.[0]?.fullUrl).toBe("urn:uuid:00000000-0000-4000-8000-000000000002");
    expect(b.entry?.[0]?.resource?.resourceType).toBe("Composition");
  });

  it("codes the Composition as a preliminary LOINC 11506-3 progress note with the four LOINC sections, displays as LOINC spells them", () => {
    const c = composition(build());
    expect(c.status).toBe("preliminary");
    expect(c.type.coding?.[0]).toEqual({ system: "http://loinc.org", code: "11506-3", display: "Progress note" });
    expect(c.subject).toEqual({ reference: "Patient/p1" });
    expect(c.encounter).toEqual({ reference: "Encounter/e1" });
    // LOINC long common names: 61150-9 Subjective Narrative, 61149-1 Objective Narrative, 51848-0 Evaluation note, 18776-5 Plan of care note.
    expect(c.section?.slice(0, 4).map((s) => s.code?.coding?.[0])).toEqual([
      { system: "http://loinc.org", code: "61150-9", display: "Subjective Narrative" },
      { system: "http://loinc.org", code: "61149-1", display: "Objective Narrative" },
      { system: "http://loinc.org", code: "51848-0", display: "Evaluation note" },
      { system: "http://loinc.org", code: "18776-5", display: "Plan of care note" },
    ]);
    expect(Object.values(SECTION_LOINC).map((l) => l.display)).toEqual(["Subjective Narrative", "Objective Narrative", "Evaluation note", "Plan of care note"]);
    for (const s of c.section ?? []) {
      expect(s.text?.status).toBe("generated");
      expect(s.text?.div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">.+<\/div>$/);
    }
  });

  it("escapes & < > \" ' in narratives so an injected <script> stays text", () => {
    const div = composition(build()).section?.[1]?.text?.div ?? "";
    expect(div).toContain("Swelling &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;heat&quot;.");
    expect(div).not.toContain("<script>");
  });

  it("indexes the document with a DocumentReference pointing at the Bundle identifier, reachable through the Provenance", () => {
    const b = build();
    const d = b.entry?.[1]?.resource as FhirDocumentReference;
    expect(d).toMatchObject({ resourceType: "DocumentReference", status: "current", docStatus: "preliminary" });
    expect(d.type?.coding?.[0]?.code).toBe("11506-3");
    expect(d.content[0]?.attachment).toMatchObject({ contentType: "application/fhir+json", url: b.identifier?.value });
    expect(d.context?.encounter).toEqual([{ reference: "Encounter/e1" }]);
    const [provenance] = resources<FhirProvenance>(b, "Provenance");
    expect(provenance?.target).toEqual([{ reference: b.entry?.[0]?.fullUrl }, { reference: b.entry?.[1]?.fullUrl }]);
    expect(composition(b).section?.at(-1)?.entry?.[0]).toEqual({ reference: b.entry?.[2]?.fullUrl });
  });

  it("uses placeholders without options and random UUIDs by default", () => {
    const b = toFhirBundle(note());
    expectValidR4Bundle(b);
    const c = composition(b);
    expect(c.subject?.display).toBe("Unidentified patient");
    expect(c.author[0]?.display).toContain("claude-sonnet-4-5-20250929");
    expect(b.entry?.[0]?.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(toFhirBundle(note()).id).not.toBe(b.id);
  });
});

describe("toFhirBundle carries what the Markdown carries (issue #13, reproduction 3)", () => {
  const sample = () => {
    const n = note();
    return { ...n, provenance: { ...n.provenance, visit_id: "visit-042", environment: "assemblyai" as const } };
  };

  it("puts one DetectedIssue per warning in the Bundle, in the Markdown's words, implicating the Composition", () => {
    const n = sample();
    const b = toFhirBundle(n);
    expectValidR4Bundle(b);
    const issues = resources<FhirDetectedIssue>(b, "DetectedIssue");
    const md = toMarkdown(n);
    const mdWarnings = md.slice(md.indexOf("## Warnings")).split("\n## ")[0]!.split("\n").filter((l) => l.startsWith("- ")).map((l) => l.slice(2));
    expect(issues.map((i) => i.detail)).toEqual(mdWarnings);
    expect(issues.map((i) => [i.code?.coding?.[0]?.system, i.code?.coding?.[0]?.code, i.severity])).toEqual([
      [NOTE_WARNING_CODE_SYSTEM, "unsupported_quote", "high"],
      [NOTE_WARNING_CODE_SYSTEM, "unsupported_quote", "high"],
      [NOTE_WARNING_CODE_SYSTEM, "empty_section", "moderate"],
    ]);
    for (const i of issues) {
      expect(i.status).toBe("preliminary");
      expect(i.implicated).toEqual([{ reference: b.entry?.[0]?.fullUrl }]);
    }
    // The Composition's review section lists the same words and references every issue.
    const review = composition(b).section?.at(-1);
    expect(review?.title).toBe(REVIEW_SECTION_TITLE);
    for (const w of mdWarnings) expect(review?.text?.div).toContain(`<li>${w}</li>`);
    const urls = (b.entry ?? []).filter((e) => e.resource?.resourceType === "DetectedIssue").map((e) => e.fullUrl);
    expect(review?.entry?.map((r) => r.reference)).toEqual([b.entry?.[2]?.fullUrl, ...urls]);
  });

  it("marks the flagged statement in its section narrative, in words, where a FHIR reader shows it", () => {
    const subjective = composition(toFhirBundle(sample())).section?.[0]?.text?.div ?? "";
    expect(subjective).toContain(
      "<li><p>Denies fever. <strong>⚠ Check before signing:</strong> Its quote “I never had a fever at all” was not found in the transcript; check the statement against the recording.</p>",
    );
    expect(subjective).toContain("<strong>(not found in the transcript)</strong>");
    // The statement with a found quote carries no mark.
    expect(subjective).toMatch(/<li><p>Knee pain\.<\/p><ul>/);
  });

  it("carries the AI-draft status: preliminary, AI-asserted label, the headline and header in the narrative, and a Provenance naming the model", () => {
    const b = toFhirBundle(sample());
    expectValidR4Bundle(b);
    const c = composition(b);
    expect(c.status).toBe("preliminary");
    expect(c.meta?.security).toEqual([AI_ASSERTED_LABEL]);
    expect((b.entry?.[1]?.resource as FhirDocumentReference).meta?.security).toEqual([AI_ASSERTED_LABEL]);
    expect(c.text?.div).toContain(`<strong>${AI_DRAFT_HEADLINE}</strong>`);
    expect(c.text?.div).toContain("Visit: visit-042 · Date: 2026-11-25 09:00 UTC");
    expect(c.text?.div).toContain("<strong>3 warnings</strong>");
    const [p] = resources<FhirProvenance>(b, "Provenance");
    expect(p?.agent.map((a) => [a.type?.coding?.[0]?.code, a.who.display])).toEqual([
      ["author", "AI language model claude-sonnet-4-5-20250929"],
      ["assembler", "soap-notes"],
    ]);
    expect(p?.recorded).toBe("2026-11-25T09:00:00.000Z");
    expect((b.entry?.[1]?.resource as FhirDocumentReference).description).toContain("visit visit-042");
  });

  it("says there is nothing flagged when a note has no warnings, and still asks for review", () => {
    const n = sample();
    const clean: SoapNote = {
      ...n,
      sections: { ...n.sections, subjective: { ...n.sections.subjective, statements: [n.sections.subjective.statements[0]!] }, objective: { title: "Objective", text: "Swelling.", statements: [] } },
      warnings: [],
    };
    const b = toFhirBundle(clean);
    expectValidR4Bundle(b);
    expect(resources(b, "DetectedIssue")).toEqual([]);
    expect(composition(b).section?.at(-1)?.text?.div).toContain("The checks raised no warnings. Every statement still needs a clinician's review.");
    expect(composition(b).text?.div).not.toContain("warning");
  });

  it("names a patient in the DetectedIssues only when the subject is a Patient", () => {
    const withPatient = toFhirBundle(sample(), { subject: { reference: "Patient/p1" } });
    const withGroup = toFhirBundle(sample(), { subject: { reference: "Group/g1" } });
    expectValidR4Bundle(withPatient);
    expectValidR4Bundle(withGroup);
    expect(resources<FhirDetectedIssue>(withPatient, "DetectedIssue")[0]?.patient).toEqual({ reference: "Patient/p1" });
    expect(resources<FhirDetectedIssue>(withGroup, "DetectedIssue")[0]).not.toHaveProperty("patient");
  });

  it("gives an empty section a reason, and a section failure a narrative mark", () => {
    const n = sample();
    const failed: SoapNote = { ...n, warnings: [...n.warnings, { code: "section_failed", section: "plan", message: "the Plan request failed" }] };
    const b = toFhirBundle(failed);
    expectValidR4Bundle(b);
    const plan = composition(b).section?.[3];
    expect(plan?.emptyReason?.coding?.[0]?.code).toBe("unavailable");
    expect(plan?.text?.div).toContain("<strong>⚠ Check before signing:</strong> This section could not be written (its request to the model failed); regenerate it before signing.");
  });
});
