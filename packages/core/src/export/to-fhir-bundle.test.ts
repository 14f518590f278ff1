import { describe, expect, it } from "vitest";
import { sampleNote as note } from "../internal/test-support/sample-note.js";
import type { FhirComposition, FhirDocumentReference } from "./fhir-r4.js";
import { toFhirBundle } from "./to-fhir-bundle.js";

describe("toFhirBundle", () => {
  let n = 0;
  const uuid = () => `00000000-0000-4000-8000-00000000000${++n}`;
  const build = () => {
    n = 0;
    return toFhirBundle(note(), { uuid, subject: { reference: "Patient/p1" }, encounter: { reference: "Encounter/e1" } });
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

  it("codes the Composition as a preliminary LOINC 11506-3 progress note with the four LOINC sections", () => {
    const c = build().entry?.[0]?.resource as FhirComposition;
    expect(c.status).toBe("preliminary");
    expect(c.type.coding?.[0]).toEqual({ system: "http://loinc.org", code: "11506-3", display: "Progress note" });
    expect(c.subject).toEqual({ reference: "Patient/p1" });
    expect(c.encounter).toEqual({ reference: "Encounter/e1" });
    expect(c.section?.map((s) => s.code?.coding?.[0]?.code)).toEqual(["61150-9", "61149-1", "51848-0", "18776-5"]);
    for (const s of c.section ?? []) {
      expect(s.text?.status).toBe("generated");
      expect(s.text?.div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">.+<\/div>$/);
    }
  });

  it("escapes & < > \" ' in narratives so an injected <script> stays text", () => {
    const c = build().entry?.[0]?.resource as FhirComposition;
    const div = c.section?.[1]?.text?.div ?? "";
    expect(div).toContain("Swelling &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;heat&quot;.");
    expect(div).not.toContain("<script>");
  });

  it("indexes the document with a DocumentReference pointing at the Bundle identifier", () => {
    const b = build();
    const d = b.entry?.[1]?.resource as FhirDocumentReference;
    expect(d).toMatchObject({ resourceType: "DocumentReference", status: "current", docStatus: "preliminary" });
    expect(d.type?.coding?.[0]?.code).toBe("11506-3");
    expect(d.content[0]?.attachment).toMatchObject({ contentType: "application/fhir+json", url: b.identifier?.value });
    expect(d.context?.encounter).toEqual([{ reference: "Encounter/e1" }]);
  });

  it("uses placeholders without options and random UUIDs by default", () => {
    const b = toFhirBundle(note());
    const c = b.entry?.[0]?.resource as FhirComposition;
    expect(c.subject?.display).toBe("Unidentified patient");
    expect(c.author[0]?.display).toContain("claude-sonnet-4-5-20250929");
    expect(b.entry?.[0]?.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(toFhirBundle(note()).id).not.toBe(b.id);
  });
});
