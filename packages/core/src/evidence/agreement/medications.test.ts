import { describe, expect, it } from "vitest";
import { medicationOf, medicationsIn, missingMedications } from "./medications.js";
import { tokenize } from "./tokens.js";

const missing = (a: string, b: string) => missingMedications(medicationsIn(tokenize(a)), medicationsIn(tokenize(b)));

describe("medicationOf", () => {
  it("knows listed generics and maps brands to them", () => {
    expect(medicationOf("lisinopril")).toBe("lisinopril");
    expect(medicationOf("lasix")).toBe("furosemide");
    expect(medicationOf("tylenol")).toBe("acetaminophen");
  });

  it("recognises unlisted names by their drug-class stem, not everyday words", () => {
    expect(medicationOf("fosinopril")).toBe("fosinopril");
    expect(medicationOf("pitavastatin")).toBe("pitavastatin");
    expect(medicationOf("april")).toBeUndefined();
    expect(medicationOf("cholesterol")).toBeUndefined();
    expect(medicationOf("concept")).toBeUndefined();
    expect(medicationOf("potassium")).toBeUndefined();
  });
});

describe("missingMedications", () => {
  it("flags a drug the quote does not name", () => {
    expect(missing("Start lisinopril 20 mg.", "let's start a blood pressure pill")).toEqual(["lisinopril"]);
    expect(missing("Continue Norvasc.", "continue the lisinopril")).toEqual(["norvasc"]);
  });

  it("accepts the same drug by generic or brand name", () => {
    expect(missing("Continue Lasix.", "keep taking the furosemide")).toEqual([]);
    expect(missing("Continue furosemide.", "you're on lasix")).toEqual([]);
    expect(missing("Ice and rest.", "ice it")).toEqual([]);
  });
});
