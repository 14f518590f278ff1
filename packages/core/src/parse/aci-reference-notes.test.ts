// Data: ACI-BENCH validation split (Yim et al., Nature Scientific Data 2023), CC BY 4.0.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { invariantViolations } from "../internal/test-support/parse-invariant.js";
import { nonWhitespace } from "../internal/text/normalize.js";
import { parseSoapText } from "./parse-soap-text.js";

const data = JSON.parse(readFileSync(new URL("../../../../../shared/data/aci-bench/valid_full.json", import.meta.url), "utf8")) as {
  data: { tgt: string }[];
};
const notes = data.data.map((d) => d.tgt);

describe("parseSoapText on the 20 ACI-BENCH reference notes", () => {
  it("loads all 20 notes", () => {
    expect(notes).toHaveLength(20);
  });

  it.each(notes.map((n, i) => [i, n] as const))("keeps every non-whitespace character of note %i", (_i, note) => {
    for (const mode of ["split", "both"] as const) {
      const parsed = parseSoapText(note, { assessmentAndPlan: mode });
      expect(invariantViolations(note, parsed)).toEqual([]);
      const kept = parsed.segments
        .filter((s) => s.kind === "body")
        .map((s) => nonWhitespace(note.slice(s.start, s.end)))
        .join("");
      const markup = parsed.segments
        .filter((s) => s.kind !== "body")
        .map((s) => nonWhitespace(note.slice(s.start, s.end)))
        .join("");
      expect(kept.length + markup.length).toBe(nonWhitespace(note).length);
    }
  });

  it.each(notes.map((n, i) => [i, n] as const))("finds subjective and assessment content in note %i", (_i, note) => {
    const parsed = parseSoapText(note);
    expect(parsed.sections.subjective.found).toBe(true);
    expect(parsed.sections.subjective.text.length).toBeGreaterThan(0);
    expect(parsed.sections.assessment.text.length + parsed.sections.plan.text.length).toBeGreaterThan(0);
    expect(parsed.preamble).toBe("");
  });

  it("sends plan lines of note 0's ASSESSMENT AND PLAN to Plan and reasoning to Assessment", () => {
    const parsed = parseSoapText(notes[0] as string);
    expect(parsed.sections.plan.text).toContain("Increase Lasix to 80 mg daily");
    expect(parsed.sections.assessment.text).toContain("Medical Reasoning:");
    expect(parsed.sections.assessment.text).not.toContain("Increase Lasix");
    expect(parsed.sections.objective.text).toContain("PHYSICAL EXAMINATION");
    expect(parsed.sections.subjective.text.startsWith("CHIEF COMPLAINT")).toBe(true);
  });
});
