import { describe, expect, it } from "vitest";
import { sampleNote } from "../internal/test-support/sample-note.js";
import { NOTE_WARNING_CODES, type NoteWarning, type SoapNote } from "../note/soap-note.js";
import { describeWarning, readerWarnings, statementAlerts, warningLabel, warningLocation, warningSeverity } from "./warning-text.js";

/** The sample note with two more statements in the plan: "Ice." (p1) and "Start ibuprofen." (p2). */
function noteWithPlan(): SoapNote {
  const note = sampleNote();
  const plan = {
    ...note.sections.plan,
    text: "Ice. Start ibuprofen.",
    statements: [
      { id: "p1", text: "Ice.", evidence: [] },
      { id: "p2", text: "Start ibuprofen 400 mg.", evidence: [{ quote: "start ibuprofen 200 mg", found: false, match: "none" as const }] },
    ],
  };
  return { ...note, sections: { ...note.sections, plan }, warnings: note.warnings.filter((w) => w.section !== "plan") };
}

describe("describeWarning", () => {
  it("says where (section and item number) and what, in words: 'Plan, item 2: … not found in the transcript'", () => {
    const w: NoteWarning = { code: "unsupported_quote", section: "plan", statement_id: "p2", message: "quote not found in the transcript (statement p2)" };
    expect(describeWarning(w, noteWithPlan())).toBe(
      "Plan, item 2: its quote “start ibuprofen 200 mg” was not found in the transcript; check the statement against the recording.",
    );
  });

  it("describes every warning code in words, never as the machine code or a statement id", () => {
    const note = noteWithPlan();
    for (const code of NOTE_WARNING_CODES) {
      for (const at of [{ section: "plan" as const, statement_id: "p2" }, { section: "plan" as const }, {}]) {
        const text = describeWarning({ code, ...at, message: "machine message about statement p2" }, note);
        expect(text, code).toMatch(/^[A-Z][^]*\.$/);
        expect(text, code).not.toContain(code);
        if ("statement_id" in at) expect(text, code).not.toMatch(/\bp2\b|machine message/);
        expect(text.length, code).toBeGreaterThan(25);
      }
      expect(warningLabel(code), code).toMatch(/^[A-Z]/);
      expect(["high", "moderate", "low"], code).toContain(warningSeverity(code));
    }
  });

  it("gives the values a statement-versus-quote check found, in its own words, but never a statement id", () => {
    const note = noteWithPlan();
    const at = { section: "plan" as const, statement_id: "p2" };
    expect(describeWarning({ code: "quote_number_mismatch", ...at, message: "statement says 400 mg, its quote says 200 mg" }, note)).toBe(
      "Plan, item 2: a number or unit in the statement differs from its quote (statement says 400 mg, its quote says 200 mg); check the value against the recording.",
    );
    expect(describeWarning({ code: "quote_laterality_mismatch", ...at, message: "statement says left, its quote says right" }, note)).toContain(
      "than its quote (statement says left, its quote says right); check which side is meant.",
    );
    expect(describeWarning({ code: "quote_medication_missing", ...at, message: "statement p2 names ibuprofen" }, note)).toBe(
      "Plan, item 2: the statement names a medication its quote does not mention; check the medication against the recording.",
    );
  });

  it("names the section alone for a section warning, and nothing for a whole-note warning", () => {
    const note = noteWithPlan();
    expect(warningLocation({ code: "section_failed", section: "assessment", message: "" }, note)).toBe("Assessment");
    expect(describeWarning({ code: "section_failed", section: "assessment", message: "" }, note)).toMatch(/^Assessment: this section could not be written/);
    expect(describeWarning({ code: "roles_unavailable", message: "roles failed" }, note)).toMatch(/^Who was speaking \(clinician or patient\) could not be identified/);
    // A statement id that is not in the note still points at its section.
    expect(warningLocation({ code: "no_evidence", section: "plan", statement_id: "p9", message: "" }, note)).toBe("Plan");
  });

  it("counts the unfound quotes of a statement with several, and gives the similarity of an approximate one", () => {
    const note = noteWithPlan();
    const two = { ...note.sections.plan.statements[1]!, evidence: [0, 1].map((i) => ({ quote: `q${i}`, found: false, match: "none" as const })) };
    const many = { ...note, sections: { ...note.sections, plan: { ...note.sections.plan, statements: [note.sections.plan.statements[0]!, two] } } };
    expect(describeWarning({ code: "unsupported_quote", section: "plan", statement_id: "p2", message: "" }, many)).toContain("2 of its quotes were not found");
    const fuzzy = { ...two, evidence: [{ quote: "start ibuprofen", found: true, match: "fuzzy" as const, similarity: 0.873 }] };
    const approx = { ...note, sections: { ...note.sections, plan: { ...note.sections.plan, statements: [note.sections.plan.statements[0]!, fuzzy] } } };
    expect(describeWarning({ code: "fuzzy_quote", section: "plan", statement_id: "p2", message: "" }, approx)).toBe(
      "Plan, item 2: its quote “start ibuprofen” matches the transcript only approximately (87% similar); check the wording.",
    );
  });
});

describe("readerWarnings", () => {
  it("lists every warning once, in reading order, including those only a statement carries", () => {
    const note = sampleNote();
    const fuzzy: NoteWarning = { code: "fuzzy_quote", section: "subjective", statement_id: "s1", message: "approximately" };
    const s1 = { ...note.sections.subjective.statements[0]!, warnings: [fuzzy] };
    const withFuzzy: SoapNote = {
      ...note,
      sections: { ...note.sections, subjective: { ...note.sections.subjective, statements: [s1, note.sections.subjective.statements[1]!] } },
      // The same warning twice (two unfound quotes on one statement say the same thing), and a whole-note one last.
      warnings: [...note.warnings, note.warnings.find((w) => w.code === "unsupported_quote")!, { code: "roles_unavailable", message: "x" }],
    };
    const texts = readerWarnings(withFuzzy).map((r) => r.text);
    expect(texts).toEqual([
      "Who was speaking (clinician or patient) could not be identified; quotes name speakers by letter.",
      "Subjective, item 1: a quote given for it matches the transcript only approximately; check the wording.",
      "Subjective, item 2: its quote “I never had a fever at all” was not found in the transcript; check the statement against the recording.",
      "Objective, item 1: its quote “heat” was not found in the transcript; check the statement against the recording.",
      "Plan: nothing was recorded in this section.",
    ]);
  });

  it("marks a statement for checking only for warnings that matter (not an approximate match)", () => {
    const note = sampleNote();
    const warnings = readerWarnings(note);
    const [s1, s2] = note.sections.subjective.statements;
    expect(statementAlerts(warnings, "subjective", s2!).map((r) => r.warning.code)).toEqual(["unsupported_quote"]);
    expect(statementAlerts(warnings, "subjective", s1!)).toEqual([]);
    expect(statementAlerts([{ ...warnings[0]!, severity: "low" }], "subjective", s2!)).toEqual([]);
  });
});
