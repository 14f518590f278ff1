import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkAgreement } from "./check-agreement.js";

const codes = (statement: string, quotes: string[]) => checkAgreement(statement, quotes).map((f) => f.code);

describe("checkAgreement", () => {
  it("names the disagreeing values in each message", () => {
    expect(checkAgreement("Start lisinopril 50 mg daily.", ["let's start lisinopril fifteen milligrams a day"])).toEqual([
      { code: "quote_number_mismatch", message: "statement says 50 mg, its quote says 15 mg" },
    ]);
    expect(checkAgreement("Right knee pain.", ["my left knee hurts"])).toEqual([
      { code: "quote_laterality_mismatch", message: "statement says right, its quote says left" },
    ]);
    expect(checkAgreement("Denies chest pain.", ["yeah i have chest pain"])).toEqual([
      { code: "quote_negation_mismatch", message: 'statement denies "pain", its quote asserts it' },
    ]);
    expect(checkAgreement("No fever or chills.", ["i had fever and chills"])).toEqual([
      { code: "quote_negation_mismatch", message: 'statement denies "fever" and "chills", its quote asserts them' },
    ]);
    expect(checkAgreement("Continue metformin.", ["keep taking your diabetes pill"])).toEqual([
      { code: "quote_medication_missing", message: "statement names metformin, its quote does not" },
    ]);
  });

  it("reports several rules at once, each once", () => {
    expect(codes("Start metformin 1000 mg for the left foot.", ["start 500 milligrams for the right foot"])).toEqual([
      "quote_number_mismatch",
      "quote_laterality_mismatch",
      "quote_medication_missing",
    ]);
  });

  it("finds nothing when the statement says what its quote says", () => {
    expect(codes("Patient reports right knee pain for 2 weeks; denies fever. Takes ibuprofen 600 mg.", [
      "my right knee has hurt for two weeks , no fever , i take six hundred milligrams of ibuprofen",
    ])).toEqual([]);
    expect(codes("58-year-old male with BP 120/80.", ["he's a 58 year old male , blood pressure one twenty over eighty"])).toEqual([]);
  });

  it("reads all of a statement's quotes together", () => {
    expect(codes("Lisinopril 20 mg for the right knee.", ["lisinopril", "twenty milligrams", "my right knee"])).toEqual([]);
    expect(codes("Lisinopril 20 mg.", ["lisinopril 10 mg", "no wait , 20 mg"])).toEqual([]);
  });

  it("says nothing without quotes, and nothing about drugs a redacted quote may hide", () => {
    expect(checkAgreement("Start lisinopril 50 mg.", [])).toEqual([]);
    expect(codes("Start lisinopril.", ["start [DRUG] today"])).toEqual([]);
    expect(codes("Start lisinopril.", ["start #### today"])).toEqual([]);
  });

  it("never throws and stays fast on arbitrary and hostile text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.string({ maxLength: 300 }), { maxLength: 3 }), (s, q) => {
        expect(Array.isArray(checkAgreement(s, q))).toBe(true);
      }),
      { numRuns: 300 },
    );
    const hostile = [
      "1 mg ".repeat(20_000),
      "no ".repeat(50_000) + "pain",
      "one ".repeat(50_000),
      "left knee right knee ".repeat(10_000),
      "a".repeat(200_000),
      "1/2/".repeat(20_000),
      "twenty ".repeat(50_000),
    ];
    for (const text of hostile) {
      const t0 = performance.now();
      checkAgreement(text, [text.replace(/1/g, "2")]);
      expect(performance.now() - t0, text.slice(0, 20)).toBeLessThan(5000); // linear: ms; a backtracking regex: minutes
    }
  });
});
