/**
 * Test support (never built): the false-alarm and catch-rate measurement of the agreement rules on
 * ACI-BENCH reference notes (docs/evidence-agreement.md reports its numbers).
 */
import { testProvenance } from "../../../internal/test-support/provenance.js";
import { createSoapNote } from "../../../note/build-note.js";
import type { NoteWarning } from "../../../note/soap-note.js";
import { checkEvidence } from "../../check-evidence.js";
import { parseTranscriptText } from "../../transcript-text.js";
import { checkAgreement, type AgreementCode } from "../check-agreement.js";
import { changeNumber, flipNegation, swapMedication, swapSide } from "./mutations.js";
import { referencePairs, type ReferencePair } from "./reference-pairs.js";

/** The four agreement codes, in NOTE_WARNING_CODES order. */
export const AGREEMENT_CODES: readonly AgreementCode[] = ["quote_number_mismatch", "quote_laterality_mismatch", "quote_negation_mismatch", "quote_medication_missing"];

const isAgreement = (w: NoteWarning): boolean => (AGREEMENT_CODES as readonly string[]).includes(w.code);

/** One ACI-BENCH encounter: its dialogue (`src`) and reference note (`tgt`). */
export interface Encounter {
  id: string;
  src: string;
  tgt: string;
}

/** What {@link measureReferenceNotes} found. */
export interface ReferenceMeasurement {
  sentences: number;
  pairs: number;
  /** Pairs whose quote checkEvidence found in the dialogue. */
  quotesFound: number;
  /** Pairs with at least one agreement warning (each one a false alarm by construction). */
  flagged: { pair: ReferencePair; warnings: NoteWarning[] }[];
  byCode: Record<AgreementCode, number>;
  /** Per rule: mutated statements that rule caught / mutated statements (of pairs not flagged as they stand). */
  catches: Record<AgreementCode, { caught: number; tried: number; missed: string[] }>;
}

const MUTATIONS: Record<AgreementCode, (statement: string, quote: string) => string | null> = {
  quote_number_mismatch: changeNumber,
  quote_laterality_mismatch: swapSide,
  quote_negation_mismatch: flipNegation,
  quote_medication_missing: swapMedication,
};

/**
 * Runs each reference sentence, as a statement citing its best dialogue span, through
 * `checkEvidence` (the path every note takes) and counts agreement warnings; then edits one fact of
 * each unflagged statement per rule and counts how many edits the rule catches.
 */
export function measureReferenceNotes(encounters: readonly Encounter[]): ReferenceMeasurement {
  const zero = (): Record<AgreementCode, number> => ({ quote_number_mismatch: 0, quote_laterality_mismatch: 0, quote_negation_mismatch: 0, quote_medication_missing: 0 });
  const out: ReferenceMeasurement = { sentences: 0, pairs: 0, quotesFound: 0, flagged: [], byCode: zero(), catches: {} as ReferenceMeasurement["catches"] };
  for (const code of AGREEMENT_CODES) out.catches[code] = { caught: 0, tried: 0, missed: [] };
  for (const e of encounters) {
    const { pairs, sentences } = referencePairs(e.id, e.tgt, e.src);
    out.sentences += sentences;
    out.pairs += pairs.length;
    if (pairs.length === 0) continue;
    const note = createSoapNote({
      sections: { subjective: { text: "", statements: pairs.map((p) => ({ text: p.sentence, evidence: [{ quote: p.quote }] })) } },
      provenance: testProvenance(),
    });
    const checked = checkEvidence(note, parseTranscriptText(e.src));
    checked.sections.subjective.statements.forEach((st, i) => {
      const pair = pairs[i] as ReferencePair;
      if (st.evidence.every((ev) => ev.found)) out.quotesFound++;
      const warnings = (st.warnings ?? []).filter(isAgreement);
      for (const w of warnings) out.byCode[w.code as AgreementCode]++;
      if (warnings.length > 0) {
        out.flagged.push({ pair, warnings });
        return;
      }
      for (const code of AGREEMENT_CODES) {
        const mutated = MUTATIONS[code](pair.sentence, pair.quote);
        if (mutated === null || mutated === pair.sentence) continue;
        const c = out.catches[code];
        c.tried++;
        if (checkAgreement(mutated, [pair.quote]).some((f) => f.code === code)) c.caught++;
        else c.missed.push(mutated);
      }
    });
  }
  return out;
}

/** A sandbox fixture as an encounter: its words as `[doctor]` / `[patient]` lines (AssemblyAI-style text) and its reference note. */
export function fixtureEncounter(slug: string, fixture: { words: { text: string; speaker: string }[]; speakers: Record<string, string>; reference_note: string }): Encounter {
  const lines: string[] = [];
  let words: string[] = [];
  let speaker: string | undefined;
  const flush = (): void => {
    if (speaker !== undefined && words.length > 0) lines.push(`[${fixture.speakers[speaker] === "clinician" ? "doctor" : "patient"}] ${words.join(" ")}`);
    words = [];
  };
  for (const w of fixture.words) {
    if (w.speaker !== speaker) {
      flush();
      speaker = w.speaker;
    }
    words.push(w.text);
  }
  flush();
  return { id: slug, src: lines.join("\n"), tgt: fixture.reference_note };
}
