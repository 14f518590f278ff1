import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { writeManifest } from "./manifest.js";
import { describePlan, killPlan } from "./plan.js";

describe("killPlan", () => {
  test("the same seed gives the same plan; another run of it a different one", () => {
    expect(killPlan(7, 3)).toEqual(killPlan(7, 3));
    expect(killPlan(7, 3).seed).not.toBe(killPlan(7, 4).seed);
  });
  test("1–3 kills, early ones within 400 ms, later ones at 3–75 % of the remaining work", () => {
    for (let run = 1; run <= 200; run++) {
      const plan = killPlan(20261125, run);
      expect(plan.kills.length).toBeGreaterThanOrEqual(1);
      expect(plan.kills.length).toBeLessThanOrEqual(3);
      expect(plan.tear.length).toBe(plan.kills.length);
      for (const k of plan.kills) {
        if (k.kind === "early") expect(k.ms).toBeLessThanOrEqual(400);
        else expect(k.fraction >= 0.03 && k.fraction <= 0.75).toBe(true);
      }
      expect(describePlan(plan)).toContain(`${plan.kills.length} SIGKILL(s)`);
    }
  });
});

describe("writeManifest", () => {
  test("50 rows visit-001..visit-050 cycling through the sample audio", () => {
    const lines = readFileSync(writeManifest(mkdtempSync(join(tmpdir(), "manifest-")), 50), "utf8").trim().split("\n");
    expect(lines[0]).toBe("id,audio");
    expect(lines.length).toBe(51);
    expect(lines[1]).toMatch(/^visit-001,.*visit-01-.*\.mp3$/);
    expect(lines[8]).toMatch(/^visit-008,.*visit-01-.*\.mp3$/);
    expect(lines[50]).toMatch(/^visit-050,/);
  });
});
