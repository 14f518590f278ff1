import type { SoapNote } from "../note/soap-note.js";
import type { FhirCoding, FhirDetectedIssue, FhirProvenance, FhirReference } from "./fhir-r4.js";
import { toFhirInstant } from "./format-time.js";
import { warningLabel, type ReaderWarning } from "./warning-text.js";
import { escapeXhtml, narrativeDiv } from "./xhtml.js";

/**
 * The code system of a DetectedIssue's `code`: the note's warning codes (`unsupported_quote`,
 * `quote_number_mismatch`, … see NOTE_WARNING_CODES), so a FHIR reader can filter them by kind.
 */
export const NOTE_WARNING_CODE_SYSTEM = "urn:soap-notes:note-warning-code";

/**
 * The security label that marks a resource as asserted by artificial intelligence (HL7
 * v3-ObservationValue `AIAST`, the label the HL7 AI Transparency on FHIR guide puts in `meta.security`).
 */
export const AI_ASSERTED_LABEL: FhirCoding = {
  system: "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
  code: "AIAST",
  display: "Artificial Intelligence asserted",
};

const PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

/** The warning as a DetectedIssue implicating the Composition, with its words as `detail` and narrative. */
export function detectedIssue(
  r: ReaderWarning,
  note: SoapNote,
  ids: { id: string; composition: string; patient?: FhirReference | undefined },
): FhirDetectedIssue {
  const label = warningLabel(r.warning.code);
  return {
    resourceType: "DetectedIssue",
    id: ids.id,
    text: { status: "generated", div: narrativeDiv(`<p><strong>${escapeXhtml(label)}.</strong> ${escapeXhtml(r.text)}</p>`) },
    status: "preliminary",
    code: { coding: [{ system: NOTE_WARNING_CODE_SYSTEM, code: r.warning.code, display: label }], text: label },
    severity: r.severity,
    ...(ids.patient !== undefined ? { patient: ids.patient } : {}),
    identifiedDateTime: note.provenance.created_at,
    author: { display: "soap-notes (automatic check of the AI draft against the transcript)" },
    implicated: [{ reference: ids.composition }],
    detail: r.text,
  };
}

/**
 * Who made the document from what: a language model (author) and soap-notes (assembler) created the
 * Composition and its DocumentReference from the visit's transcript. Its targets make the
 * DocumentReference reachable from the Composition (which lists this Provenance in its review section).
 */
export function documentProvenance(
  note: SoapNote,
  ids: { id: string; composition: string; documentReference: string },
): FhirProvenance {
  const p = note.provenance;
  const source = p.transcript_id !== undefined ? `AssemblyAI transcript ${p.transcript_id}` : p.transcript_source === "text" ? "text dialogue" : "AssemblyAI transcript";
  const template = `prompt template ${p.template.ref} (${p.template.hash})`;
  const model = `AI language model ${p.model}${p.environment === "sandbox" ? " (local sandbox emulator)" : ""}`;
  return {
    resourceType: "Provenance",
    id: ids.id,
    meta: { security: [AI_ASSERTED_LABEL] },
    text: {
      status: "generated",
      div: narrativeDiv(`<p>Drafted by ${escapeXhtml(model)} with soap-notes from the ${escapeXhtml(source)}, using the ${escapeXhtml(template)}.</p>`),
    },
    target: [{ reference: ids.composition }, { reference: ids.documentReference }],
    recorded: toFhirInstant(p.created_at),
    activity: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-DataOperation", code: "CREATE", display: "create" }] },
    agent: [
      { type: { coding: [{ system: PARTICIPANT_TYPE, code: "author", display: "Author" }] }, who: { display: model } },
      { type: { coding: [{ system: PARTICIPANT_TYPE, code: "assembler", display: "Assembler" }] }, who: { display: "soap-notes" } },
    ],
    entity: [{ role: "source", what: p.transcript_id !== undefined ? { identifier: { value: p.transcript_id }, display: source } : { display: source } }],
  };
}
