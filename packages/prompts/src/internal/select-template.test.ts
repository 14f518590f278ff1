import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SoapConfig, type SoapExperiment, parseSoapConfig } from "./config.js";
import { ConfigError } from "./errors.js";
import { pickVariant, selectTemplate } from "./select-template.js";

const TEMPLATES = ["soap-structured@^2", "soap-complete@1", "soap-sectioned@1"];

type Exp = Pick<SoapExperiment, "salt" | "variants">;

// 2 to 5 named variants with positive integer-ish weights, and a salt.
const experimentArb: fc.Arbitrary<Exp> = fc
  .record({
    salt: fc.string({ minLength: 1, maxLength: 12 }),
    weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 5 }),
  })
  .map(({ salt, weights }) => ({
    salt,
    variants: weights.map((weight, i) => ({ name: `v${i}`, template: TEMPLATES[i % TEMPLATES.length] as string, weight })),
  }));

const keys = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

function withWeight(e: Exp, index: number, weight: number): Exp {
  return { ...e, variants: e.variants.map((v, i) => (i === index ? { ...v, weight } : v)) };
}

function config(variants: { name?: string; template: string; weight: number }[], extra: Record<string, unknown> = {}): SoapConfig {
  return parseSoapConfig({
    template: "soap-sectioned@1",
    experiments: [{ name: "rollout", salt: "s1", assignBy: "visit_id", variants, ...extra }],
  });
}

describe("pickVariant", () => {
  it("is stable: the same key always gets the same variant, whatever the variant order", () => {
    fc.assert(
      fc.property(experimentArb, fc.array(fc.string(), { minLength: 1, maxLength: 50 }), fc.nat(), (e, ks, rot) => {
        const n = e.variants.length;
        const rotated = { ...e, variants: [...e.variants.slice(rot % n), ...e.variants.slice(0, rot % n)] };
        for (const k of ks) {
          const i = pickVariant(e, k);
          expect(pickVariant(e, k)).toBe(i);
          expect(rotated.variants[pickVariant(rotated, k)]?.name).toBe(e.variants[i]?.name);
        }
      }),
    );
  });

  it("gives each variant its share of 100,000 keys within ±1.5 percentage points", () => {
    fc.assert(
      fc.property(experimentArb, fc.string({ maxLength: 6 }), (e, prefix) => {
        const counts = new Array<number>(e.variants.length).fill(0);
        for (const k of keys(100_000, `visit${prefix}`)) counts[pickVariant(e, k)]! += 1;
        const total = e.variants.reduce((s, v) => s + v.weight, 0);
        e.variants.forEach((v, i) => {
          expect(Math.abs((counts[i] as number) / 100_000 - v.weight / total)).toBeLessThan(0.015);
        });
      }),
      { numRuns: 6 },
    );
  });

  it("never picks a variant of weight 0", () => {
    fc.assert(
      fc.property(experimentArb, fc.nat(), (e, z) => {
        const zero = z % e.variants.length;
        const ramped = withWeight(e, zero, 0);
        expect(keys(2000, "k").filter((k) => pickVariant(ramped, k) === zero)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it("ramping one variant up moves keys only toward it: none leaves it, none moves between the others", () => {
    let rampsThatMoved = 0;
    fc.assert(
      fc.property(experimentArb, fc.nat(), fc.integer({ min: 1, max: 400 }), (e, r, extra) => {
        const v = r % e.variants.length;
        const weight = e.variants[v]?.weight ?? 0;
        const total = e.variants.reduce((sum, x) => sum + x.weight, 0);
        const ramped = withWeight(e, v, weight + extra);
        // Keys expected to move among the 2,000: the variant's share grows by this much.
        const expectedMoves = 2000 * ((weight + extra) / (total + extra) - weight / total);
        let moved = 0;
        const wrong: string[] = [];
        for (const k of keys(2000, "visit")) {
          const before = pickVariant(e, k);
          const after = pickVariant(ramped, k);
          if (after !== before) {
            moved++;
            // Covers both rules: a key on v never leaves it, and no key moves between two others.
            if (after !== v) wrong.push(`${k}: ${before} -> ${after}`);
          }
        }
        expect(wrong).toEqual([]);
        // The ramp really moved keys (otherwise the property would hold vacuously) wherever it should
        // move many: a ramp from 60/62 to 61/63 shifts 0.06 % of keys, about 1 of 2,000, and may move none.
        if (expectedMoves >= 40) expect(moved).toBeGreaterThan(0);
        if (moved > 0) rampsThatMoved++;
      }),
      { numRuns: 25 },
    );
    expect(rampsThatMoved).toBeGreaterThan(0);
  });

  it("ramping a variant up from 0 takes keys from the others without reshuffling them", () => {
    const e: Exp = { salt: "ramp", variants: [{ name: "old", template: "a", weight: 1 }, { name: "new", template: "b", weight: 0 }, { name: "other", template: "c", weight: 1 }] };
    const steps = [0, 0.05, 0.25, 1, 10].map((w) => withWeight(e, 1, w));
    const bad: string[] = [];
    let joined = 0;
    for (const k of keys(5000, "visit")) {
      const path = steps.map((s) => pickVariant(s, k));
      const firstNew = path.indexOf(1);
      if (firstNew !== -1) joined++;
      if (firstNew !== -1 && !path.slice(firstNew).every((i) => i === 1)) bad.push(`${k} left "new": ${path.join(",")}`);
      if (new Set(path.filter((i) => i !== 1)).size > 1) bad.push(`${k} moved between others: ${path.join(",")}`);
    }
    expect(bad).toEqual([]);
    expect(joined / 5000).toBeGreaterThan(0.8); // at weight 10 of 12, "new" holds about 83%
  });
});

describe("selectTemplate", () => {
  it("returns the variant's template with experiment and variant names for provenance", () => {
    const c = config([{ name: "structured", template: "soap-structured@^2", weight: 1 }, { name: "complete", template: "soap-complete@1", weight: 1 }]);
    const seen = new Set<string>();
    for (const k of keys(200, "visit")) {
      const s = selectTemplate(c, k);
      expect(s.experiment).toBe("rollout");
      expect(s.ref).toBe(`${s.template.id}@${s.template.version}`);
      expect(s.variant === "structured" ? s.ref === "soap-structured@2.0.0" : s.ref === "soap-complete@1.1.0").toBe(true);
      seen.add(s.variant ?? "");
    }
    expect(seen).toEqual(new Set(["structured", "complete"]));
  });

  it("is deterministic for a key, across re-parsed configs", () => {
    const raw = [{ template: "soap-structured@^2", weight: 2 }, { template: "soap-complete@1", weight: 1 }];
    fc.assert(
      fc.property(fc.string(), (k) => {
        expect(selectTemplate(config(raw), k)).toEqual(selectTemplate(config(structuredClone(raw)), k));
      }),
      { numRuns: 50 },
    );
  });

  it("names a variant without a name by its template spec", () => {
    const s = selectTemplate(config([{ template: "soap-complete@1", weight: 1 }]), "visit-1");
    expect(s.variant).toBe("soap-complete@1");
  });

  it("uses the default template and reports no experiment without an enabled experiment", () => {
    const none = selectTemplate(parseSoapConfig({ template: "soap-sectioned@1" }), "visit-1");
    expect(none).toEqual({ template: expect.objectContaining({ id: "soap-sectioned" }), ref: "soap-sectioned@1.1.0" });
    const disabled = selectTemplate(config([{ template: "soap-complete@1", weight: 1 }], { enabled: false }), "visit-1");
    expect(disabled.ref).toBe("soap-sectioned@1.1.0");
    expect(disabled.experiment).toBeUndefined();
  });

  it("takes the id named by assignBy from a key object, else falls back to the default template", () => {
    const c = config([{ template: "soap-complete@1", weight: 1 }]);
    expect(selectTemplate(c, { visit_id: "v1", transcript_id: "t1" }).ref).toBe("soap-complete@1.1.0");
    const missing = selectTemplate(c, { transcript_id: "t1" });
    expect(missing.ref).toBe("soap-sectioned@1.1.0");
    expect(missing.experiment).toBeUndefined();
  });

  it("selects the named experiment and rejects an unknown name", () => {
    const c = parseSoapConfig({
      experiments: [
        { name: "a", salt: "x", assignBy: "visit_id", variants: [{ template: "soap-complete@1", weight: 1 }] },
        { name: "b", salt: "y", assignBy: "visit_id", variants: [{ template: "soap-sectioned@1", weight: 1 }] },
      ],
    });
    expect(selectTemplate(c, "k").experiment).toBe("a");
    expect(selectTemplate(c, "k", { experiment: "b" }).ref).toBe("soap-sectioned@1.1.0");
    expect(() => selectTemplate(c, "k", { experiment: "c" })).toThrow(ConfigError);
  });
});
