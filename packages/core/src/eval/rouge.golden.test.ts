// Golden values: ../shared/data/rouge-golden.json, computed with Google's rouge-score on pairs built
// from the ACI-BENCH validation split (Yim et al., Nature Scientific Data 2023), CC BY 4.0.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { porterStem } from "./porter-stem.js";
import { ROUGE_TYPES, rougeScores } from "./rouge.js";

interface GoldenCase {
  id: string;
  reference: string;
  prediction: string;
  plain: Record<string, number>;
  stemmed: Record<string, number>;
}

const golden = JSON.parse(readFileSync(new URL("../../../../../shared/data/rouge-golden.json", import.meta.url), "utf8")) as { cases: GoldenCase[] };

describe("rougeScores against rouge-score's golden values", () => {
  it("loads the 27 golden cases", () => {
    expect(golden.cases).toHaveLength(27);
  });

  it.each(golden.cases.map((c) => [c.id, c] as const))("matches %s without stemming within 0.0001", (_id, c) => {
    const got = rougeScores(c.reference, c.prediction);
    for (const type of ROUGE_TYPES) expect(Math.abs(got[type].f1 - (c.plain[type] as number)), type).toBeLessThan(0.0001);
  });

  it.each(golden.cases.map((c) => [c.id, c] as const))("matches %s with Porter stemming within 0.01", (_id, c) => {
    const got = rougeScores(c.reference, c.prediction, { stemmer: porterStem });
    for (const type of ROUGE_TYPES) expect(Math.abs(got[type].f1 - (c.stemmed[type] as number)), type).toBeLessThan(0.01);
  });
});
