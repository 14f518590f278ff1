import { describe, expect, it } from "vitest";
import type { SoapNote } from "../note/soap-note.js";
import { expectValidR4Bundle } from "../internal/test-support/fhir-validator.js";
import { sampleNote } from "../internal/test-support/sample-note.js";
import type { FhirComposition, FhirDocumentReference } from "./fhir-r4.js";
import { renderNote } from "./render-note.js";
import { AI_DRAFT_HEADLINE } from "./review-notice.js";
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

  it("is absent from notes written against AssemblyAI, or that record no environment: they open with the AI-draft line", () => {
    for (const env of ["assemblyai", undefined] as const) {
      const md = toMarkdown(inEnvironment(env));
      expect(md.startsWith(`> **${AI_DRAFT_HEADLINE}**`)).toBe(true);
      expect(md).not.toContain(SANDBOX_NOTICE);
    }
  });

  it("titles a sandbox note's FHIR Composition and DocumentReference as a demonstration; an explicit title still wins", () => {
    const b = toFhirBundle(inEnvironment("sandbox"));
    expectValidR4Bundle(b);
    expect((b.entry?.[0]?.resource as FhirComposition).text?.div).toContain(SANDBOX_NOTICE);
    expect((b.entry?.[0]?.resource as FhirComposition).text?.div).not.toContain(AI_DRAFT_HEADLINE);
    const composition = b.entry?.[0]?.resource as FhirComposition;
    const reference = b.entry?.[1]?.resource as FhirDocumentReference;
    expect(composition.title).toBe(SANDBOX_FHIR_TITLE);
    expect(reference.content[0]?.attachment.title).toBe(SANDBOX_FHIR_TITLE);
    const real = toFhirBundle(inEnvironment("assemblyai"));
    const titled = toFhirBundle(inEnvironment("sandbox"), { title: "Visit 42" });
    for (const bundle of [real, titled]) expectValidR4Bundle(bundle);
    expect((real.entry?.[0]?.resource as FhirComposition).title).toBe("SOAP note");
    expect((titled.entry?.[0]?.resource as FhirComposition).title).toBe("Visit 42");
  });

  it("keeps the environment in the JSON note", () => {
    expect(JSON.parse(toJson(inEnvironment("sandbox")))).toMatchObject({ provenance: { environment: "sandbox" } });
  });
});
