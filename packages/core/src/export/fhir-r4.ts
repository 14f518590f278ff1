import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Composition,
  CompositionSection,
  DocumentReference,
  Identifier,
  Narrative,
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
/** The resources a document Bundle from the exporter holds. */
export type FhirDocumentResource = FhirComposition | FhirDocumentReference;
/** R4 Bundle.entry holding a Composition or DocumentReference. */
export type FhirBundleEntry = BundleEntry<FhirDocumentResource>;
/** R4 Bundle (document) of a Composition and a DocumentReference. */
export type FhirBundle = Bundle<FhirDocumentResource>;
