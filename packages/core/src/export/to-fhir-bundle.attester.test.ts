import { describe, expect, it } from "vitest";
import { sampleNote } from "../internal/test-support/sample-note.js";
import type { FhirComposition } from "./fhir-r4.js";
import { toFhirBundle } from "./to-fhir-bundle.js";

describe("toFhirBundle: the reviewer as attester", () => {
  it("records who reviewed the draft as the Composition's professional attester, and the note stays preliminary", () => {
    const bundle = toFhirBundle(sampleNote(), { reviewedBy: { party: { reference: "Practitioner/ada", display: "Dr Ada" }, time: "2026-05-01T10:00:00+02:00" } });
    const composition = bundle.entry?.[0]?.resource as FhirComposition;
    expect(composition.attester).toEqual([{ mode: "professional", time: "2026-05-01T08:00:00.000Z", party: { reference: "Practitioner/ada", display: "Dr Ada" } }]);
    expect(composition.status).toBe("preliminary");
  });

  it("has no attester without a review", () => {
    const composition = toFhirBundle(sampleNote()).entry?.[0]?.resource as FhirComposition;
    expect(composition.attester).toBeUndefined();
  });
});
