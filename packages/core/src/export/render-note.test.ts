import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidNoteError } from "../note/invalid-note-error.js";
import { SoapNote } from "../note/soap-note.js";
import { expectValidR4Bundle } from "../internal/test-support/fhir-validator.js";
import { sampleNote } from "../internal/test-support/sample-note.js";
import { NOTE_CONTENT_TYPES, NOTE_FILE_EXTENSIONS, NOTE_FORMATS, renderNote } from "./render-note.js";
import { toFhirBundle } from "./to-fhir-bundle.js";
import { toJson } from "./to-json.js";
import { toMarkdown } from "./to-markdown.js";

/** Makes crypto.randomUUID return 1, 2, 3… from now on (the FHIR Bundle's ids). */
function countingUuids(): void {
  let n = 0;
  vi.spyOn(globalThis.crypto, "randomUUID").mockImplementation(() => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}` as ReturnType<Crypto["randomUUID"]>);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("renderNote", () => {
  it("renders Markdown exactly as toMarkdown", () => {
    const note = sampleNote();
    const md = renderNote(note, "md");
    expect(md).toBe(toMarkdown(note));
    expect(md).toMatch(/^> \*\*AI-drafted, review before signing\.\*\* .*\n\n# SOAP note\n/);
  });

  it("renders the validated JSON note exactly as toJson, newline-terminated, and it parses back to the note", () => {
    const note = sampleNote();
    const json = renderNote(note, "json");
    expect(json).toBe(toJson(note));
    expect(json.endsWith("}\n")).toBe(true);
    expect(SoapNote.parse(JSON.parse(json))).toEqual(note);
  });

  it("renders the FHIR R4 document Bundle pretty-printed and newline-terminated", () => {
    const note = sampleNote();
    countingUuids();
    const fhir = renderNote(note, "fhir");
    countingUuids();
    expect(fhir).toBe(`${JSON.stringify(toFhirBundle(note), null, 2)}\n`);
    const bundle = JSON.parse(fhir) as { resourceType: string; type: string; entry: { resource: { resourceType: string; title?: string } }[] };
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "document" });
    expectValidR4Bundle(bundle);
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(["Composition", "DocumentReference", "Provenance", "DetectedIssue", "DetectedIssue", "DetectedIssue"]);
    expect(bundle.entry[0]?.resource.title).toBe("SOAP note");
    expect(fhir).toMatch(/^\{\n {2}"resourceType": "Bundle"/);
  });

  it("refuses a note that does not fit the schema, in JSON", () => {
    const bad = { ...sampleNote(), provenance: { ...sampleNote().provenance, created_at: "today" } };
    expect(() => renderNote(bad, "json")).toThrow(InvalidNoteError);
  });

  it("names a media type and a file extension for every format", () => {
    expect([...NOTE_FORMATS]).toEqual(["md", "json", "fhir"]);
    expect(NOTE_CONTENT_TYPES).toEqual({ md: "text/markdown; charset=utf-8", json: "application/json; charset=utf-8", fhir: "application/fhir+json; charset=utf-8" });
    expect(NOTE_FILE_EXTENSIONS).toEqual({ md: ".md", json: ".json", fhir: ".fhir.json" });
    for (const format of NOTE_FORMATS) expect(typeof renderNote(sampleNote(), format)).toBe("string");
    expectValidR4Bundle(JSON.parse(renderNote(sampleNote(), "fhir")));
  });
});
