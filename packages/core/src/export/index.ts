/**
 * `@org/soap-core/export` — a note as Markdown for people, validated JSON, a FHIR R4 document
 * Bundle, or an HTML review page (`toReviewHtml`); `renderNote` picks one of the first three by name.
 *
 * @example
 * ```ts
 * import { renderNote, NOTE_CONTENT_TYPES } from "@org/soap-core/export";
 * return new Response(renderNote(note, "md"), { headers: { "content-type": NOTE_CONTENT_TYPES.md } });
 * ```
 * @packageDocumentation
 */
export { renderNote, NOTE_FORMATS, NOTE_CONTENT_TYPES, NOTE_FILE_EXTENSIONS } from "./render-note.js";
export type { NoteFormat } from "./render-note.js";
export { toMarkdown } from "./to-markdown.js";
export { toJson } from "./to-json.js";
export { toFhirBundle, SECTION_LOINC, REVIEW_SECTION_TITLE } from "./to-fhir-bundle.js";
export type { ToFhirBundleOptions } from "./to-fhir-bundle.js";
export { NOTE_WARNING_CODE_SYSTEM, AI_ASSERTED_LABEL } from "./fhir-review.js";
export { SANDBOX_NOTICE } from "./sandbox-notice.js";
export { AI_DRAFT_HEADLINE, AI_DRAFT_NOTICE } from "./review-notice.js";
export { describeWarning, warningLocation, warningSentence, warningLabel, warningSeverity, readerWarnings } from "./warning-text.js";
export type { WarningSeverity, ReaderWarning } from "./warning-text.js";
export { escapeMarkdownInline, escapeMarkdownBlock } from "./markdown-escape.js";
export type {
  FhirBundle,
  FhirBundleEntry,
  FhirComposition,
  FhirCompositionSection,
  FhirDocumentReference,
  FhirDocumentResource,
  FhirProvenance,
  FhirDetectedIssue,
  FhirReference,
  FhirCodeableConcept,
  FhirCoding,
  FhirIdentifier,
  FhirNarrative,
} from "./fhir-r4.js";
export { toReviewHtml } from "./review/to-review-html.js";
export { reviewTranscript, locateQuote } from "./review/review-transcript.js";
export type { QuoteLocation } from "./review/review-transcript.js";
export { reviewPageCsp, audioCspSource, REVIEW_SCRIPT_HASH, REVIEW_STYLE_HASH } from "./review/review-csp.js";
export type { ReviewCspOptions } from "./review/review-csp.js";
export { ReviewPageOptionsError } from "./review/review-options.js";
export type { ReviewPageOptions, ReviewActions, ReviewUtterance } from "./review/review-options.js";
