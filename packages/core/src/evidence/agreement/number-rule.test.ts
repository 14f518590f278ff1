import { describe, expect, it } from "vitest";
import { numberDisagreements } from "./number-rule.js";
import { extractQuantities, numberValues } from "./quantities.js";
import { tokenize } from "./tokens.js";

function disagree(statement: string, quote: string): string[] {
  const q = tokenize(quote);
  return numberDisagreements(extractQuantities(tokenize(statement)), extractQuantities(q), numberValues(q)).map(
    (d) => `${d.statement.display} vs ${d.quote.map((x) => x.display).join(", ")}`,
  );
}

describe("numberDisagreements", () => {
  it("flags a dose that differs from the quote's, number words included", () => {
    expect(disagree("Start lisinopril 50 mg daily.", "we'll start lisinopril fifteen milligrams a day")).toEqual(["50 mg vs 15 mg"]);
  });

  it("accepts the same dose in other words and units", () => {
    expect(disagree("Start lisinopril 15 mg daily.", "we'll start lisinopril fifteen milligrams a day")).toEqual([]);
    expect(disagree("Aspirin 1 g.", "a thousand milligrams of aspirin")).toEqual([]);
    expect(disagree("Symptoms for 2 weeks.", "about fourteen days")).toEqual([]);
    expect(disagree("Pain for about a month.", "it's been four weeks")).toEqual([]);
  });

  it("accepts a value inside the quote's range and flags one outside it", () => {
    expect(disagree("Physical therapy for 6 weeks.", "therapy for six to eight weeks")).toEqual([]);
    expect(disagree("Physical therapy for 12 weeks.", "therapy for six to eight weeks")).toEqual(["12 weeks vs 6 to 8 weeks"]);
    expect(disagree("Symptoms for 3 days.", "a couple of days")).toEqual([]);
  });

  it("flags vitals, percentages and blood pressures", () => {
    expect(disagree("Heart rate 88 bpm.", "your heart rate is 68 beats per minute")).toEqual(["88 bpm vs 68 bpm"]);
    expect(disagree("EF 35%.", "ejection fraction of 45 percent")).toEqual(["35% vs 45%"]);
    expect(disagree("BP 124/80.", "at 120 over 80")).toEqual(["124/80 vs 120/80"]);
    expect(disagree("BP 120/80.", "at 120 over 80")).toEqual([]);
  });

  it("compares only quantities of the same kind", () => {
    expect(disagree("Ibuprofen 600 mg for 7 days.", "take six hundred milligrams")).toEqual([]);
    expect(disagree("A 58-year-old male.", "i have had this for 5 years")).toEqual([]);
    expect(disagree("Every 6 hours.", "ice for twenty minutes")).toEqual([]);
    expect(disagree("Every 6 hours.", "every four hours")).toEqual(["every 6 hours vs every 4 hours"]);
  });

  it("does not flag a value the quote spells elsewhere ('day six')", () => {
    expect(disagree("Antibiotics started 6 days ago.", "ten days' worth and i'm on day six")).toEqual([]);
  });

  it("compares unitless numbers only on the same noun or anchor word", () => {
    expect(disagree("A1c of 8.5.", "your a1c was 7.2")).toEqual(["8.5 vs 7.2"]);
    expect(disagree("She has 3 children.", "two kids and a dog")).toEqual([]);
  });
});
