import { Ajv2020 } from "ajv/dist/2020.js";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { testProvenance } from "../internal/test-support/provenance.js";
import { createSoapNote, soapNoteFromText } from "./build-note.js";
import { soapNoteJsonSchema } from "../schemas/note-json-schema.js";
import { SoapNote } from "./soap-note.js";

const note = () =>
  createSoapNote({
    sections: { subjective: { text: "Knee pain, [it hurts on stairs]." }, objective: { text: "" }, assessment: { text: "Sprain." } },
    provenance: testProvenance(),
  });

describe("SoapNote schema", () => {
  it("accepts a built note and rejects a bad template ref, match kind and timestamp", () => {
    const n = note();
    expect(SoapNote.safeParse(n).success).toBe(true);
    expect(SoapNote.safeParse({ ...n, provenance: { ...n.provenance, template: { ref: "no-version", hash: "x" } } }).success).toBe(false);
    expect(SoapNote.safeParse({ ...n, provenance: { ...n.provenance, created_at: "today" } }).success).toBe(false);
    const s = n.sections.subjective;
    const badEvidence = { ...s, statements: [{ ...s.statements[0], evidence: [{ quote: "q", found: true, match: "maybe" }] }] };
    expect(SoapNote.safeParse({ ...n, sections: { ...n.sections, subjective: badEvidence } }).success).toBe(false);
  });

  it("exports a JSON Schema that ajv compiles and that agrees with zod", () => {
    const ajv = new Ajv2020({ strict: false });
    // ajv-formats is CommonJS with a function export.
    (createRequire(import.meta.url)("ajv-formats") as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(soapNoteJsonSchema);
    expect(validate(JSON.parse(JSON.stringify(note())))).toBe(true);
    expect(validate({ ...note(), warnings: [{ code: "nope", message: "x" }] })).toBe(false);
  });
});

describe("createSoapNote", () => {
  it("warns on missing and empty sections and numbers statements per section", () => {
    const n = note();
    expect(n.warnings.map((w) => [w.code, w.section])).toEqual([
      ["empty_section", "objective"],
      ["missing_section", "plan"],
    ]);
    expect(n.sections.subjective.statements).toEqual([
      { id: "s1", text: "Knee pain.", evidence: [{ quote: "it hurts on stairs", found: false, match: "none" }] },
    ]);
    expect(n.sections.assessment.statements[0]?.id).toBe("a1");
  });

  it("keeps preamble and unknown blocks of a parsed answer in unassigned, with a warning", () => {
    const n = soapNoteFromText("Sure! Here it is.\n## Subjective\npain\n## Objective\nswelling\n## Assessment\nsprain\n## Plan\nrest", {
      provenance: testProvenance(),
    });
    expect(n.unassigned).toEqual([{ text: "Sure! Here it is." }]);
    expect(n.warnings.map((w) => w.code)).toEqual(["unassigned_text"]);
  });
});

describe("createSoapNote validation", () => {
  it("throws InvalidNoteError for a provenance that does not fit", async () => {
    const { InvalidNoteError } = await import("./invalid-note-error.js");
    expect(() => createSoapNote({ sections: {}, provenance: testProvenance({ template: { ref: "no-version", hash: "x" } }) })).toThrow(InvalidNoteError);
  });
});
