import { describe, expect, it } from "vitest";
import { testProvenance } from "../internal/test-support/provenance.js";
import { createSoapNote } from "../note/build-note.js";
import { SoapNote } from "../note/soap-note.js";
import { checkEvidence } from "./check-evidence.js";
import { parseTranscriptText } from "./transcript-text.js";

const words = [
  { text: "How", start: 0, end: 200, speaker: "A" },
  { text: "is", start: 200, end: 300, speaker: "A" },
  { text: "the", start: 300, end: 400, speaker: "A" },
  { text: "knee?", start: 400, end: 800, speaker: "A" },
  { text: "It", start: 1000, end: 1100, speaker: "B" },
  { text: "hurts", start: 1100, end: 1500, speaker: "B" },
  { text: "when", start: 1500, end: 1700, speaker: "B" },
  { text: "I", start: 1700, end: 1800, speaker: "B" },
  { text: "climb", start: 1800, end: 2100, speaker: "B" },
  { text: "stairs.", start: 2100, end: 2600, speaker: "B" },
];

const note = () =>
  createSoapNote({
    sections: {
      subjective: { text: "Knee pain on stairs, [it hurts when I climb stairs]. Pain since a fall, [I fell off my bike]." },
      objective: { text: "Swelling." },
      assessment: { text: "#### has a knee sprain." },
      plan: { text: 'Ice, "how is the knee".' },
    },
    provenance: testProvenance({ transcript_source: "assemblyai" }),
  });

describe("checkEvidence", () => {
  it("gives found quotes their speaker, role and ms span from the words", () => {
    const checked = checkEvidence(note(), { words }, { speakerRoles: { A: "clinician", B: "patient" } });
    expect(checked.sections.subjective.statements[0]?.evidence[0]).toEqual({
      quote: "it hurts when I climb stairs",
      found: true,
      match: "exact",
      similarity: 1,
      speaker: "B",
      role: "patient",
      start_ms: 1000,
      end_ms: 2600,
    });
    expect(checked.sections.plan.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "A", role: "clinician", start_ms: 0, end_ms: 800 });
    expect(SoapNote.safeParse(checked).success).toBe(true);
  });

  it("warns on the statement and the note when a quote is not in the transcript", () => {
    const checked = checkEvidence(note(), { words });
    const s2 = checked.sections.subjective.statements[1];
    expect(s2?.evidence[0]).toMatchObject({ found: false, match: "none" });
    expect(s2?.warnings?.map((w) => w.code)).toEqual(["unsupported_quote"]);
    expect(checked.warnings.filter((w) => w.code === "unsupported_quote")).toEqual([
      expect.objectContaining({ section: "subjective", statement_id: "s2" }),
    ]);
  });

  it("warns on a redaction marker leaking into prose but not inside a quote", () => {
    const checked = checkEvidence(note(), { words });
    expect(checked.warnings.filter((w) => w.code === "redaction_marker").map((w) => w.statement_id)).toEqual(["a1"]);
  });

  it("does not change its input and replaces its own warnings on a second run", () => {
    const original = note();
    const before = JSON.stringify(original);
    const once = checkEvidence(original, { words });
    expect(JSON.stringify(original)).toBe(before);
    expect(checkEvidence(once, { words })).toEqual(once);
  });

  it("uses utterances without words and plain dialogue text without timings", () => {
    const utt = checkEvidence(note(), { utterances: [{ speaker: "B", text: "It hurts when I climb stairs.", start: 900, end: 2700 }] });
    expect(utt.sections.subjective.statements[0]?.evidence[0]).toMatchObject({ found: true, speaker: "B", start_ms: 900, end_ms: 2700 });
    const text = checkEvidence(note(), parseTranscriptText("[doctor] how is the knee ?\n[patient] it hurts when i climb stairs ."));
    const ev = text.sections.subjective.statements[0]?.evidence[0];
    expect(ev).toMatchObject({ found: true, match: "exact", speaker: "patient", role: "patient" });
    expect(ev?.start_ms).toBeUndefined();
  });

  it("flags statements without quotes only in the sections that require evidence", () => {
    const checked = checkEvidence(note(), { words }, { requireEvidenceIn: ["objective"] });
    expect(checked.warnings.filter((w) => w.code === "no_evidence").map((w) => w.statement_id)).toEqual(["o1"]);
  });
});

describe("checkEvidence speakers", () => {
  it("replaces the model's speaker with the transcript's, and keeps it when the transcript has none", () => {
    const n = createSoapNote({
      sections: { subjective: { text: "", statements: [{ text: "Pain.", evidence: [{ quote: "it hurts when I climb", speaker: "A" }] }] } },
      provenance: testProvenance(),
    });
    expect(checkEvidence(n, { words }).sections.subjective.statements[0]?.evidence[0]?.speaker).toBe("B");
    expect(checkEvidence(n, { text: "it hurts when i climb stairs" }).sections.subjective.statements[0]?.evidence[0]?.speaker).toBe("A");
  });
});

describe("checkEvidence statement-quote agreement", () => {
  const dialogue = parseTranscriptText(
    "[doctor] how is the knee ?\n[patient] my left knee hurts , no fever .\n[doctor] let's start ibuprofen fifteen milligrams twice a day .",
  );
  const draft = () =>
    createSoapNote({
      sections: {
        subjective: {
          text: "",
          statements: [
            { text: "Right knee pain.", evidence: [{ quote: "my left knee hurts" }] },
            { text: "Reports fever.", evidence: [{ quote: "no fever" }] },
            { text: "Left knee pain without fever.", evidence: [{ quote: "my left knee hurts , no fever" }] },
          ],
        },
        plan: {
          text: "",
          statements: [
            { text: "Start naproxen 50 mg twice daily.", evidence: [{ quote: "let's start ibuprofen fifteen milligrams twice a day" }] },
            { text: "Start ibuprofen 50 mg.", evidence: [{ quote: "start ibuprofen fifty milligrams now" }] },
          ],
        },
      },
      provenance: testProvenance(),
    });

  it("warns on the statement and the note, with section, statement id and the disagreeing values", () => {
    const checked = checkEvidence(draft(), dialogue);
    expect(checked.sections.subjective.statements[0]?.warnings).toEqual([
      { code: "quote_laterality_mismatch", section: "subjective", statement_id: "s1", message: "statement says right, its quote says left" },
    ]);
    expect(checked.sections.subjective.statements[1]?.warnings?.map((w) => w.code)).toEqual(["quote_negation_mismatch"]);
    expect(checked.sections.subjective.statements[2]?.warnings).toBeUndefined();
    expect(checked.sections.plan.statements[0]?.warnings?.map((w) => w.message)).toEqual([
      "statement says 50 mg, its quote says 15 mg",
      "statement names naproxen, its quote does not",
    ]);
    expect(checked.warnings.filter((w) => w.code.startsWith("quote_")).map((w) => `${w.statement_id}:${w.code}`)).toEqual([
      "s1:quote_laterality_mismatch",
      "s2:quote_negation_mismatch",
      "p1:quote_number_mismatch",
      "p1:quote_medication_missing",
    ]);
    expect(SoapNote.safeParse(checked).success).toBe(true);
  });

  it("does not compare a statement with a quote that was not found", () => {
    const p2 = checkEvidence(draft(), dialogue).sections.plan.statements[1];
    expect(p2?.warnings?.map((w) => w.code)).toEqual(["unsupported_quote"]);
  });

  it("replaces its agreement warnings on a second run, and can be turned off", () => {
    const once = checkEvidence(draft(), dialogue);
    expect(checkEvidence(once, dialogue)).toEqual(once);
    const off = checkEvidence(draft(), dialogue, { agreement: false });
    expect(off.warnings.some((w) => w.code.startsWith("quote_"))).toBe(false);
  });
});
