import { SANDBOX_FHIR_TITLE } from "./sandbox-notice.js";
import { SOAP_SECTIONS } from "../note/note-constants.js";
import { type SoapNote, type SoapSectionName } from "../note/soap-note.js";
import type { FhirBundle, FhirBundleEntry, FhirComposition, FhirCompositionSection, FhirDocumentReference, FhirReference } from "./fhir-r4.js";
import { compositionNarrative, reviewNarrative, sectionNarrative } from "./fhir-narrative.js";
import { AI_ASSERTED_LABEL, detectedIssue, documentProvenance } from "./fhir-review.js";
import { toFhirInstant } from "./format-time.js";
import { readerWarnings } from "./warning-text.js";

const LOINC = "http://loinc.org";
/**
 * LOINC codes of the four SOAP sections, with their display names exactly as LOINC spells them
 * (the long common names).
 * @example
 * ```ts
 * SECTION_LOINC.subjective; // { code: "61150-9", display: "Subjective Narrative" }
 * ```
 */
export const SECTION_LOINC: Readonly<Record<SoapSectionName, { code: string; display: string }>> = {
  subjective: { code: "61150-9", display: "Subjective Narrative" },
  objective: { code: "61149-1", display: "Objective Narrative" },
  assessment: { code: "51848-0", display: "Evaluation note" },
  plan: { code: "18776-5", display: "Plan of care note" },
};
const PROGRESS_NOTE = { system: LOINC, code: "11506-3", display: "Progress note" };

/** Title of the Composition section that lists the warnings and the Provenance. */
export const REVIEW_SECTION_TITLE = "Review before signing";

/** Options of {@link toFhirBundle}. */
export interface ToFhirBundleOptions {
  /** The patient. @default `{ display: "Unidentified patient" }` */
  subject?: FhirReference;
  /** The authors. @default one display-only reference naming the AI draft and its model */
  author?: FhirReference[];
  encounter?: FhirReference;
  /** Id source for the Bundle and every resource in it. @default crypto.randomUUID */
  uuid?: () => string;
  /** Bundle timestamp. @default the note's `provenance.created_at` */
  timestamp?: string;
  /** @default "SOAP note" */
  title?: string;
  /**
   * Who reviewed the draft, and when (ISO 8601): the Composition's `attester` (mode `professional`).
   * The note stays `preliminary`: a review is not a signature.
   */
  reviewedBy?: { party: FhirReference; time: string };
}

/** A section with nothing in it says why (cmp-2 allows emptyReason only without entries: these have none). */
const EMPTY_REASON = { coding: [{ system: "http://terminology.hl7.org/CodeSystem/list-empty-reason", code: "unavailable", display: "Unavailable" }] };

/**
 * Exports a note as a FHIR R4 document Bundle that carries what the Markdown carries. Entry 0 is the
 * Composition (status preliminary, type LOINC 11506-3 Progress note, labelled AI-asserted in
 * `meta.security`): its narrative opens with "AI-drafted, review before signing" (or the sandbox
 * notice), the visit id and date; one section per SOAP section with its LOINC code, statements
 * numbered and "⚠ Check before signing" marks in words where a warning points; then a "Review
 * before signing" section listing every warning, whose entries are the Provenance and one
 * DetectedIssue per warning. Entry 1 is a DocumentReference (status current, docStatus preliminary)
 * whose attachment points at the Bundle's identifier; entry 2 the Provenance (the AI model as
 * author, targets the Composition and the DocumentReference); then the DetectedIssues (severity,
 * warning code, the same words). Every entry is reachable from the Composition; fullUrls are
 * `urn:uuid:` URIs.
 *
 * @example
 * ```ts
 * const bundle = toFhirBundle(note, { subject: { reference: "Patient/123" }, encounter: { reference: "Encounter/9" } });
 * await fetch(`${fhirBase}/Bundle`, { method: "POST", body: JSON.stringify(bundle) });
 * ```
 */
export function toFhirBundle(note: SoapNote, options: ToFhirBundleOptions = {}): FhirBundle {
  const uuid = options.uuid ?? (() => globalThis.crypto.randomUUID());
  const bundleId = uuid();
  const compositionId = uuid();
  const documentId = uuid();
  const provenanceId = uuid();
  const warnings = readerWarnings(note);
  const issueIds = warnings.map(() => uuid());
  const url = (id: string): string => `urn:uuid:${id}`;
  const date = note.provenance.created_at;
  const timestamp = options.timestamp ?? toFhirInstant(date);
  const subject = options.subject ?? { display: "Unidentified patient" };
  const author = options.author ?? [{ display: `AI-drafted note (model ${note.provenance.model}); needs clinician review` }];
  const title = options.title ?? (note.provenance.environment === "sandbox" ? SANDBOX_FHIR_TITLE : "SOAP note");
  const bundleUrl = url(bundleId);
  const patient = subject.reference?.startsWith("Patient/") ? subject : undefined;

  const sections: FhirCompositionSection[] = SOAP_SECTIONS.map((name) => {
    const s = note.sections[name];
    const empty = s.statements.length === 0 && s.text.trim() === "";
    return {
      title: s.title,
      code: { coding: [{ system: LOINC, ...SECTION_LOINC[name] }] },
      text: { status: "generated", div: sectionNarrative(note, name, warnings) },
      ...(empty ? { emptyReason: EMPTY_REASON } : {}),
    };
  });
  sections.push({
    title: REVIEW_SECTION_TITLE,
    text: { status: "generated", div: reviewNarrative(note, warnings) },
    entry: [{ reference: url(provenanceId) }, ...issueIds.map((id) => ({ reference: url(id) }))],
  });

  const composition: FhirComposition = {
    resourceType: "Composition",
    id: compositionId,
    meta: { security: [AI_ASSERTED_LABEL] },
    text: { status: "generated", div: compositionNarrative(note, warnings, REVIEW_SECTION_TITLE) },
    identifier: { system: "urn:ietf:rfc:3986", value: url(compositionId) },
    status: "preliminary",
    type: { coding: [PROGRESS_NOTE], text: "Progress note" },
    subject,
    ...(options.encounter ? { encounter: options.encounter } : {}),
    date,
    author,
    title,
    ...(options.reviewedBy ? { attester: [{ mode: "professional" as const, time: toFhirInstant(options.reviewedBy.time), party: options.reviewedBy.party }] } : {}),
    section: sections,
  };
  const documentReference: FhirDocumentReference = {
    resourceType: "DocumentReference",
    id: documentId,
    meta: { security: [AI_ASSERTED_LABEL] },
    status: "current",
    docStatus: "preliminary",
    type: { coding: [PROGRESS_NOTE] },
    subject,
    date: toFhirInstant(date),
    author,
    description: `${title} (${note.provenance.template.ref})${note.provenance.visit_id !== undefined ? `, visit ${note.provenance.visit_id}` : ""}`,
    content: [{ attachment: { contentType: "application/fhir+json", url: bundleUrl, title, creation: date } }],
    ...(options.encounter ? { context: { encounter: [options.encounter] } } : {}),
  };
  const provenance = documentProvenance(note, { id: provenanceId, composition: url(compositionId), documentReference: url(documentId) });
  const issues = warnings.map((w, i) => detectedIssue(w, note, { id: issueIds[i] as string, composition: url(compositionId), patient }));
  const entry: FhirBundleEntry[] = [
    { fullUrl: url(compositionId), resource: composition },
    { fullUrl: url(documentId), resource: documentReference },
    { fullUrl: url(provenanceId), resource: provenance },
    ...issues.map((resource) => ({ fullUrl: url(resource.id as string), resource })),
  ];
  return {
    resourceType: "Bundle",
    id: bundleId,
    identifier: { system: "urn:ietf:rfc:3986", value: bundleUrl },
    type: "document",
    timestamp,
    entry,
  };
}
