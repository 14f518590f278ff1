import { describe, expect, it } from "vitest";
import type { SoapNote } from "../note/soap-note.js";
import { sampleNote } from "../internal/test-support/sample-note.js";
import type { FhirComposition, FhirDocumentReference } from "./fhir-r4.js";
import { renderNote } from "./render-note.js";
import { SANDBOX_FHIR_TITLE, SANDBOX_NOTICE } from "./sandbox-notice.js";
import { toFhirBundle } from "./to-fhir-bundle.js";
import { toJson } from "./to-json.js";
import { toMarkdown } from "./to-markdown.js";

const inEnvironment = (environment: "assemblyai" | "sandbox" | undefined): SoapNote => {
  const note = sampleNote();
  return environment === undefined ? note : { ...note, provenance: { ...note.provenance, environment } };
};

describe("the sandbox banner", () => {
  it("opens the Markdown of a sandbox note with the notice, before the title", () => {
    const md = toMarkdown(inEnvironment("sandbox"));
    expect(md.startsWith(`> **Sandbox output.** ${SANDBOX_NOTICE}\n\n# SOAP note\n`)).toBe(true);
    expect(SANDBOX_NOTICE).toMatch(/not a clinical note/);
    expect(renderNote(inEnvironment("sandbox"), "md")).toBe(md);
  });

  it("is absent from notes written against AssemblyAI, or that record no environment", () => {
    for (const env of ["assemblyai", undefined] as const) {
      const md = toMarkdown(inEnvironment(env));
      expect(md.startsWith("# SOAP note\n")).toBe(true);
      expect(md).not.toContain(SANDBOX_NOTICE);
    }
  });

  it("titles a sandbox note's FHIR Composition and DocumentReference as a demonstration; an explicit title still wins", () => {
    const b = toFhirBundle(inEnvironment("sandbox"));
    const composition = b.entry?.[0]?.resource as FhirComposition;
    const reference = b.entry?.[1]?.resource as FhirDocumentReference;
    expect(composition.title).toBe(SANDBOX_FHIR_TITLE);
    expect(reference.content[0]?.attachment.title).toBe(SANDBOX_FHIR_TITLE);
    expect((toFhirBundle(inEnvironment("assemblyai")).entry?.[0]?.resource as FhirComposition).title).toBe("SOAP note");
    expect((toFhirBundle(inEnvironment("sandbox"), { title: "Visit 42" }).entry?.[0]?.resource as FhirComposition).title).toBe("Visit 42");
  });

  it("keeps the environment in the JSON note", () => {
    expect(JSON.parse(toJson(inEnvironment("sandbox")))).toMatchObject({ provenance: { environment: "sandbox" } });
  });
});
