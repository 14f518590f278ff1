import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractRolesLine, rolesClaimFromValue } from "./roles-line.js";

const NOTE = "## Subjective\n- knee pain\n\n## Plan\n- ice";

describe("extractRolesLine", () => {
  it("takes the last line out of the answer and reads its JSON", () => {
    const out = extractRolesLine(`${NOTE}\n\nSpeaker roles: {"clinician": "A", "patient": "B"}\n`);
    expect(out).toEqual({ content: NOTE, claim: { kind: "named", clinician: "A", patient: "B" } });
  });

  it("accepts the markdown a model wraps around the line", () => {
    for (const line of ['**Speaker roles:** {"clinician": "A", "patient": "B"}', '- `Speaker Roles: {"clinician":"A","patient":"B"}`', '> speaker roles : {"clinician": "A", "patient": "B"}']) {
      expect(extractRolesLine(`${NOTE}\n${line}`), line).toEqual({ content: NOTE, claim: { kind: "named", clinician: "A", patient: "B" } });
    }
  });

  it("reports a missing line and leaves the answer exactly as it was", () => {
    expect(extractRolesLine(`${NOTE}\n`)).toEqual({ content: `${NOTE}\n`, claim: { kind: "missing" } });
  });

  it("removes a line that is not in the asked form, and calls it malformed", () => {
    for (const line of ["Speaker roles: A is the doctor", 'Speaker roles: {"clinician": 1, "patient": "B"}', 'Speaker roles: {"clinician": "A"', "Speaker roles: []"]) {
      expect(extractRolesLine(`${NOTE}\n${line}`), line).toEqual({ content: NOTE, claim: { kind: "malformed" } });
    }
  });

  it("never throws, and keeps every other line in order", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 40 }).filter((l) => !/[\r\n]/.test(l)), fc.constantFrom("Speaker roles: {", "**Speaker roles:**", "speaker roles: {}")), { maxLength: 12 }), (lines) => {
        const content = lines.join("\n");
        const out = extractRolesLine(content);
        if (out.claim.kind === "missing") {
          expect(out.content).toBe(content);
          return;
        }
        // What is left is the input's lines in order, minus the roles line(s) and trailing blank space.
        const left = out.content.split("\n");
        let at = 0;
        for (const line of left.slice(0, -1)) {
          at = lines.indexOf(line, at);
          expect(at).toBeGreaterThanOrEqual(0);
          at++;
        }
        expect(out.content).not.toMatch(/^[ \t>*_`-]*speaker[ \t]+roles[ \t*_`]*:/im);
      }),
      { numRuns: 300 },
    );
  });

  it("stays linear on a long hostile line", () => {
    const hostile = `Speaker roles:${" *".repeat(100_000)}x`;
    const started = performance.now();
    expect(extractRolesLine(hostile).claim).toEqual({ kind: "malformed" });
    expect(performance.now() - started).toBeLessThan(5000); // linear: ms; a backtracking regex: minutes
  });
});

describe("rolesClaimFromValue", () => {
  it("reads the structured field: missing roles count as unknown, wrong types as malformed", () => {
    expect(rolesClaimFromValue({ clinician: "A", patient: "B" })).toEqual({ kind: "named", clinician: "A", patient: "B" });
    expect(rolesClaimFromValue({ clinician: "A" })).toEqual({ kind: "named", clinician: "A", patient: "unknown" });
    expect(rolesClaimFromValue(undefined)).toEqual({ kind: "missing" });
    expect(rolesClaimFromValue("A is the clinician")).toEqual({ kind: "malformed" });
    expect(rolesClaimFromValue([{ speaker: "A", role: "clinician" }])).toEqual({ kind: "malformed" });
    expect(rolesClaimFromValue({ clinician: ["A"], patient: "B" })).toEqual({ kind: "malformed" });
  });
});
