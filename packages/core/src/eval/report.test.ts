import { describe, expect, it } from "vitest";
import { createSoapNote } from "../note/build-note.js";
import type { SoapNote } from "../note/soap-note.js";
import { sampleNote } from "../internal/test-support/sample-note.js";
import { testProvenance } from "../internal/test-support/provenance.js";
import { armOf, experimentReport } from "./experiment.js";
import { noteFaithfulness, textFaithfulness } from "./faithfulness.js";
import { costOf, priceTableSchema } from "./prices.js";
import { buildReport } from "./report.js";
import { scoreNote, type NoteResult } from "./score-note.js";

const REFERENCE = "CHIEF COMPLAINT\n\nKnee pain.\n\nHISTORY OF PRESENT ILLNESS\n\nThe patient reports knee pain on stairs.\n\nASSESSMENT AND PLAN\n\nKnee sprain.\nPrescribe ibuprofen 400 mg.";

function note(subjective: string, plan: string, o: { variant?: string; ref?: string; visit?: string; output?: number } = {}): SoapNote {
  return createSoapNote({
    sections: { subjective: { text: subjective }, objective: { text: "" }, assessment: { text: "Knee sprain." }, plan: { text: plan } },
    provenance: testProvenance({
      template: { ref: o.ref ?? "soap-complete@1", hash: "sha256:abc" },
      ...(o.variant !== undefined ? { variant: o.variant, experiment: "exp" } : {}),
      ...(o.visit !== undefined ? { visit_id: o.visit } : {}),
      usage: { input_tokens: 1000, output_tokens: o.output ?? 200, total_tokens: 1000 + (o.output ?? 200) },
    }),
  });
}

const PRICES = priceTableSchema.parse({ currency: "EUR", models: { "claude-sonnet-4-5-20250929": { input_per_million: 3, output_per_million: 15, per_request: 0.001 } } });

describe("scoreNote", () => {
  it("scores a note JSON against its reference, whole and per section, and leaves sections the reference lacks null", () => {
    const r = scoreNote({ id: "v1", arm: "a", reference: REFERENCE, note: note("Knee pain. The patient reports knee pain on stairs.", "Prescribe ibuprofen 400 mg.") });
    expect(r.metrics["rouge1"]).toBeGreaterThan(0.5);
    expect(r.metrics["plan.rougeL"]).toBe(1);
    expect(r.metrics["objective.rougeL"]).toBeNull();
    expect(r.metrics["missing_sections"]).toBe(1);
    expect(r.metrics["output_tokens"]).toBe(200);
    expect(r.metrics["cost"]).toBeNull();
    expect(r.model).toBe("claude-sonnet-4-5-20250929");
  });

  it("prices a note with the user's table", () => {
    const r = scoreNote({ id: "v1", arm: "a", note: note("x", "y") }, { prices: PRICES });
    expect(r.metrics["cost"]).toBeCloseTo((1000 * 3 + 200 * 15) / 1e6 + 0.001, 12);
    expect(r.metrics["rougeL"]).toBeNull();
  });

  it("scores another system's text by parsing its headings", () => {
    const r = scoreNote({ id: "v1", arm: "other", reference: REFERENCE, text: REFERENCE });
    expect(r.metrics["rougeLsum"]).toBe(1);
    expect(r.metrics["subjective.rouge2"]).toBe(1);
    expect(r.metrics["verified_share"]).toBeNull();
    expect(r.metrics["input_tokens"]).toBeNull();
  });
});

describe("faithfulness", () => {
  it("counts verified statements, unsupported quotes and empty sections of a checked note", () => {
    // The sample: s1 cites a found quote, s2 an invented one, o1 quotes "heat" (not said), a1 cites
    // nothing, and the plan is empty.
    const f = noteFaithfulness(sampleNote());
    expect(f.unsupported_quotes).toBe(2);
    expect(f.missing_sections).toBe(1);
    expect(f.verified_share).toBeCloseTo(1 / 4, 12);
  });

  it("finds redaction markers and empty sections in a text note", () => {
    expect(textFaithfulness({ subjective: "#### is 58.\nfine", objective: "", assessment: "[PERSON_NAME] has a sprain", plan: "rest" })).toEqual({
      verified_share: null,
      unsupported_quotes: null,
      missing_sections: 1,
      redaction_leaks: 2,
    });
  });
});

describe("price table", () => {
  it("refuses negative prices and unknown keys, and costs an unknown model as null", () => {
    expect(priceTableSchema.safeParse({ currency: "USD", models: { m: { input_per_million: -1, output_per_million: 1 } } }).success).toBe(false);
    expect(priceTableSchema.safeParse({ currency: "USD", models: { m: { input_per_million: 1, output_per_million: 1, per_token: 1 } } }).success).toBe(false);
    expect(costOf(PRICES, "gpt-unknown", { input_tokens: 1, output_tokens: 1, requests: 1 })).toBeNull();
    expect(costOf(undefined, "claude-sonnet-4-5-20250929", { input_tokens: 1, output_tokens: 1, requests: 1 })).toBeNull();
  });
});

function results(arm: string, values: readonly number[], key = "rougeL"): NoteResult[] {
  return values.map((v, i) => ({ id: `v${i}`, arm, metrics: { [key]: v } }));
}

describe("buildReport", () => {
  const base = [0.2, 0.25, 0.3, 0.22, 0.28, 0.26, 0.24, 0.21];

  it("says an arm that beats the baseline on every visit is better, with a positive interval", () => {
    const r = buildReport([...results("a", base), ...results("b", base.map((v) => v + 0.05 + (v % 0.01)))], { seed: 1 });
    expect(r.primary_metric).toBe("rougeL");
    const c = r.comparisons[0]!;
    expect(c.baseline).toBe("a");
    expect(c.headline.code).toBe("better");
    expect(c.differences["rougeL"]!.low).toBeGreaterThan(0);
    expect(c.headline.text).toMatch(/^b scores higher than a on ROUGE-L F1 \(better\): \+0\.05\d/);
  });

  it("calls a lower cost better and a higher one worse", () => {
    const r = buildReport([...results("a", base, "cost"), ...results("b", base.map((v) => v * 2), "cost")], { seed: 1 });
    expect(r.comparisons[0]!.verdicts["cost"]!.code).toBe("worse");
  });

  it("says when the difference is unclear, and when the sample is too small to decide", () => {
    const noisy = base.map((v, i) => v + (i % 2 === 0 ? 0.03 : -0.03));
    expect(buildReport([...results("a", base), ...results("b", noisy)]).comparisons[0]!.headline.code).toBe("unclear");
    const small = buildReport([...results("a", [0.1, 0.2]), ...results("b", [0.5, 0.6])]).comparisons[0]!.headline;
    expect(small.code).toBe("too_small");
    expect(small.text).toContain("Too small to decide");
  });

  it("pairs by visit id: visits only one arm has are left out of the differences", () => {
    const r = buildReport([...results("a", [0.1, 0.2, 0.3]), { id: "other", arm: "b", metrics: { rougeL: 0.9 } }, { id: "v0", arm: "b", metrics: { rougeL: 0.4 } }]);
    expect(r.comparisons[0]!.differences["rougeL"]).toEqual({ n: 1, mean: 0.30000000000000004, low: 0.30000000000000004, high: 0.30000000000000004, method: "paired" });
    expect(r.arms[1]!.metrics["rougeL"]!.mean).toBeCloseTo(0.65, 12);
  });

  it("compares arms that share no visit (an A/B split) by the difference of their means", () => {
    const a = base.map((v, i) => ({ id: `a${i}`, arm: "a", metrics: { rougeL: v } }));
    const b = base.map((v, i) => ({ id: `b${i}`, arm: "b", metrics: { rougeL: v + 0.1 } }));
    const c = buildReport([...a, ...b], { seed: 3 }).comparisons[0]!;
    expect(c.differences["rougeL"]).toMatchObject({ method: "unpaired", n: 8 });
    expect(c.differences["rougeL"]!.mean).toBeCloseTo(0.1, 12);
    expect(c.headline.code).toBe("better");
    expect(c.headline.text).toContain("unpaired, 8+ notes per arm");
  });

  it("says an A/B split with a handful of notes per arm is too small to decide", () => {
    const split = [...results("a", [0.1, 0.2, 0.3]).map((n) => ({ ...n, id: `x${n.id}` })), ...results("b", [0.5, 0.6, 0.7])];
    const h = buildReport(split).comparisons[0]!.headline;
    expect(h.code).toBe("too_small");
    expect(h.text).toMatch(/3 notes in the smaller of b and a/);
  });

  it("refuses a baseline that is no arm and a visit twice in one arm", () => {
    expect(() => buildReport(results("a", [0.1]), { baseline: "zzz" })).toThrow(/baseline "zzz" is not an arm/);
    expect(() => buildReport([...results("a", [0.1]), ...results("a", [0.2])])).toThrow(/appears twice in arm "a"/);
  });

  it("uses the verified-evidence share as the primary metric without references", () => {
    expect(buildReport(results("a", [0.5], "verified_share")).primary_metric).toBe("verified_share");
  });
});

describe("experimentReport", () => {
  it("groups a batch's notes by variant and template, in name order, with references where given", () => {
    const notes = ["v1", "v2", "v3"].flatMap((visit) => [
      { note: note("The patient reports knee pain.", "Rest.", { variant: "b", ref: "soap-sectioned@1", visit, output: 300 }) },
      { note: note("Knee pain on stairs.", "Prescribe ibuprofen.", { variant: "a", ref: "soap-complete@1", visit }) },
    ]);
    const report = experimentReport(notes, { references: { v1: REFERENCE, v2: REFERENCE }, prices: PRICES, seed: 9 });
    expect(report.arms.map((a) => a.arm)).toEqual(["a: soap-complete@1", "b: soap-sectioned@1"]);
    expect(report.arms[0]!.metrics["rougeL"]!.n).toBe(2);
    expect(report.arms[0]!.metrics["output_tokens"]!.n).toBe(3);
    expect(report.comparisons[0]!.differences["output_tokens"]!.mean).toBe(100);
    expect(report.settings.currency).toBe("EUR");
    expect(armOf(notes[0]!.note)).toBe("b: soap-sectioned@1");
  });

  it("refuses a note without a visit id", () => {
    expect(() => experimentReport([{ note: note("x", "y") }])).toThrow(/note 1 has no visit id/);
  });
});
