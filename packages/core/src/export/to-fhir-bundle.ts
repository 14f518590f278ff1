import { SANDBOX_FHIR_TITLE } from "./sandbox-notice.js";
import { SOAP_SECTIONS, type NoteSection, type SoapNote, type SoapSectionName } from "../note/soap-note.js";
import type { FhirBundle, FhirComposition, FhirDocumentReference, FhirReference } from "./fhir-r4.js";
import { formatMs } from "./format-time.js";
import { escapeXhtml, narrativeDiv } from "./xhtml.js";

const LOINC = "http://loinc.org";
/**
 * LOINC codes of the four SOAP sections (display names as LOINC gives them).
 * @example
 * ```ts
 * SECTION_LOINC.subjective.code; // "61150-9"
 * ```
 */
export const SECTION_LOINC: Readonly<Record<SoapSectionName, { code: string; display: string }>> = {
  subjective: { code: "61150-9", display: "Subjective" },
  objective: { code: "61149-1", display: "Objective" },
  assessment: { code: "51848-0", display: "Assessment" },
  plan: { code: "18776-5", display: "Plan of care note" },
};
const PROGRESS_NOTE = { system: LOINC, code: "11506-3", display: "Progress note" };

/** Options of {@link toFhirBundle}. */
export interface ToFhirBundleOptions {
  /** The patient. @default `{ display: "Unidentified patient" }` */
  subject?: FhirReference;
  /** The authors. @default one display-only reference naming the AI draft and its model */
  author?: FhirReference[];
  encounter?: FhirReference;
  /** Id source for the Bundle, Composition and DocumentReference. @default crypto.randomUUID */
  uuid?: () => string;
  /** Bundle timestamp. @default the note's `provenance.created_at` */
  timestamp?: string;
  /** @default "SOAP note" */
  title?: string;
}

function sectionDiv(section: NoteSection): string {
  const parts: string[] = [];
  if (section.statements.length === 0) {
    const paras = section.text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
    for (const p of paras) parts.push(`<p>${escapeXhtml(p)}</p>`);
  }
  for (const s of section.statements) {
    parts.push(`<p>${escapeXhtml(s.text)}</p>`);
    if (s.evidence.length > 0) {
      const items = s.evidence.map((e) => {
        const who = e.role ?? (e.speaker !== undefined ? `speaker ${e.speaker}` : undefined);
        const when = e.start_ms !== undefined ? formatMs(e.start_ms) : undefined;
        const meta = [who, when, e.found ? undefined : "not found in transcript"].filter((x) => x !== undefined).join(", ");
        return `<li>“${escapeXhtml(e.quote)}”${meta ? ` (${escapeXhtml(meta)})` : ""}</li>`;
      });
      parts.push(`<ul>${items.join("")}</ul>`);
    }
  }
  // FHIR narratives may not be empty (txt-2).
  return narrativeDiv(parts.length > 0 ? parts.join("") : "<p>No information recorded.</p>");
}

/**
 * Exports a note as a FHIR R4 document Bundle: entry 0 is a Composition (status preliminary, type
 * LOINC 11506-3 Progress note, one section per SOAP section with its LOINC code and generated XHTML
 * narrative), entry 1 a DocumentReference (status current, docStatus preliminary) whose attachment
 * points at the Bundle's identifier. All fullUrls are `urn:uuid:` URIs.
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
  const date = note.provenance.created_at;
  const timestamp = options.timestamp ?? date;
  const subject = options.subject ?? { display: "Unidentified patient" };
  const author = options.author ?? [{ display: `AI-drafted note (model ${note.provenance.model}); needs clinician review` }];
  const title = options.title ?? (note.provenance.environment === "sandbox" ? SANDBOX_FHIR_TITLE : "SOAP note");
  const bundleUrl = `urn:uuid:${bundleId}`;

  const composition: FhirComposition = {
    resourceType: "Composition",
    id: compositionId,
    identifier: { system: "urn:ietf:rfc:3986", value: `urn:uuid:${compositionId}` },
    status: "preliminary",
    type: { coding: [PROGRESS_NOTE], text: "Progress note" },
    subject,
    ...(options.encounter ? { encounter: options.encounter } : {}),
    date,
    author,
    title,
    section: SOAP_SECTIONS.map((name) => ({
      title: note.sections[name].title,
      code: { coding: [{ system: LOINC, ...SECTION_LOINC[name] }] },
      text: { status: "generated", div: sectionDiv(note.sections[name]) },
    })),
  };
  const documentReference: FhirDocumentReference = {
    resourceType: "DocumentReference",
    id: documentId,
    status: "current",
    docStatus: "preliminary",
    type: { coding: [PROGRESS_NOTE] },
    subject,
    date,
    author,
    description: `${title} (${note.provenance.template.ref})`,
    content: [{ attachment: { contentType: "application/fhir+json", url: bundleUrl, title, creation: date } }],
    ...(options.encounter ? { context: { encounter: [options.encounter] } } : {}),
  };
  return {
    resourceType: "Bundle",
    id: bundleId,
    identifier: { system: "urn:ietf:rfc:3986", value: bundleUrl },
    type: "document",
    timestamp,
    entry: [
      { fullUrl: `urn:uuid:${compositionId}`, resource: composition },
      { fullUrl: `urn:uuid:${documentId}`, resource: documentReference },
    ],
  };
}
