/**
 * The subset of FHIR R4 types the exporter produces. Declared here because the installed
 * `@types/fhir` (3.0.2) describes STU3 only and has no `fhir/r4` / `fhir4` types; field names and
 * cardinalities follow https://hl7.org/fhir/R4 (Bundle, Composition, DocumentReference).
 */
export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}
/** R4 CodeableConcept. */
export interface FhirCodeableConcept {
  coding?: FhirCoding[];
  text?: string;
}
/** R4 Reference. */
export interface FhirReference {
  reference?: string;
  type?: string;
  display?: string;
}
/** R4 Identifier. */
export interface FhirIdentifier {
  system?: string;
  value?: string;
}
/** R4 Narrative. */
export interface FhirNarrative {
  status: "generated" | "extensions" | "additional" | "empty";
  div: string;
}
/** R4 Composition.section. */
export interface FhirCompositionSection {
  title?: string;
  code?: FhirCodeableConcept;
  text?: FhirNarrative;
}
/** R4 Composition. */
export interface FhirComposition {
  resourceType: "Composition";
  id?: string;
  identifier?: FhirIdentifier;
  status: "preliminary" | "final" | "amended" | "entered-in-error";
  type: FhirCodeableConcept;
  subject?: FhirReference;
  encounter?: FhirReference;
  date: string;
  author: FhirReference[];
  title: string;
  section?: FhirCompositionSection[];
}
/** R4 DocumentReference. */
export interface FhirDocumentReference {
  resourceType: "DocumentReference";
  id?: string;
  status: "current" | "superseded" | "entered-in-error";
  docStatus?: "preliminary" | "final" | "amended" | "entered-in-error";
  type?: FhirCodeableConcept;
  subject?: FhirReference;
  date?: string;
  author?: FhirReference[];
  description?: string;
  content: { attachment: { contentType?: string; url?: string; title?: string; creation?: string } }[];
  context?: { encounter?: FhirReference[] };
}
/** R4 Bundle.entry. */
export interface FhirBundleEntry {
  fullUrl?: string;
  resource?: FhirComposition | FhirDocumentReference;
}
/** R4 Bundle (document). */
export interface FhirBundle {
  resourceType: "Bundle";
  id?: string;
  identifier?: FhirIdentifier;
  type: "document" | "collection" | "transaction" | "batch" | "searchset" | "message" | "history";
  timestamp?: string;
  entry?: FhirBundleEntry[];
}
