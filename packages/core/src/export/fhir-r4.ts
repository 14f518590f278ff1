import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Composition,
  CompositionSection,
  DetectedIssue,
  DocumentReference,
  Identifier,
  Narrative,
  Provenance,
  Reference,
} from "fhir/r4.js";

/**
 * The FHIR R4 types the exporter produces: aliases of the `@types/fhir` R4 (hl7.fhir.r4.core 4.0.1)
 * definitions in `fhir/r4`, kept under the `Fhir*` names this package has always exported. Imported
 * as `fhir/r4.js` because NodeNext ESM resolution needs the extension for a package subpath without
 * an exports map (type-only: nothing is loaded at runtime).
 */
export type FhirCoding = Coding;
/** R4 CodeableConcept. */
export type FhirCodeableConcept = CodeableConcept;
/** R4 Reference. */
export type FhirReference = Reference;
/** R4 Identifier. */
export type FhirIdentifier = Identifier;
/** R4 Narrative. */
export type FhirNarrative = Narrative;
/** R4 Composition.section. */
export type FhirCompositionSection = CompositionSection;
/** R4 Composition. */
export type FhirComposition = Composition;
/** R4 DocumentReference. */
export type FhirDocumentReference = DocumentReference;
/** R4 Provenance: who (the AI model, soap-notes) made the document from what (transcript, template). */
export type FhirProvenance = Provenance;
/** R4 DetectedIssue: one warning of the note, for the clinician who signs it. */
export type FhirDetectedIssue = DetectedIssue;
/** The resources a document Bundle from the exporter holds. */
export type FhirDocumentResource = FhirComposition | FhirDocumentReference | FhirProvenance | FhirDetectedIssue;
/** R4 Bundle.entry holding one of {@link FhirDocumentResource}. */
export type FhirBundleEntry = BundleEntry<FhirDocumentResource>;
/** R4 Bundle (document): a Composition first, then the resources it references. */
export type FhirBundle = Bundle<FhirDocumentResource>;
