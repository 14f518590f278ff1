import type { SoapNote } from "../note/soap-note.js";
import { toFhirBundle } from "./to-fhir-bundle.js";
import { toJson } from "./to-json.js";
import { toMarkdown } from "./to-markdown.js";

/** The formats a note is rendered in. */
export const NOTE_FORMATS = ["md", "json", "fhir"] as const;
/** One of {@link NOTE_FORMATS}. */
export type NoteFormat = (typeof NOTE_FORMATS)[number];

/** Media type of each format. */
export const NOTE_CONTENT_TYPES: Readonly<Record<NoteFormat, string>> = {
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
  fhir: "application/fhir+json; charset=utf-8",
};

/** File name suffix of each format (`<id>.md`, `<id>.json`, `<id>.fhir.json`). */
export const NOTE_FILE_EXTENSIONS: Readonly<Record<NoteFormat, string>> = { md: ".md", json: ".json", fhir: ".fhir.json" };

/**
 * Renders a note in one format: Markdown for people, the validated JSON note, or a FHIR R4 document
 * Bundle (pretty-printed, newline-terminated). The one rendering rule both apps use.
 * @throws {InvalidNoteError} when the note does not fit the schema.
 * @example
 * ```ts
 * const body = renderNote(note, "fhir");
 * return new Response(body, { headers: { "content-type": NOTE_CONTENT_TYPES.fhir } });
 * ```
 */
export function renderNote(note: SoapNote, format: NoteFormat): string {
  switch (format) {
    case "md":
      return toMarkdown(note);
    case "json":
      return toJson(note);
    case "fhir":
      return `${JSON.stringify(toFhirBundle(note), null, 2)}\n`;
  }
}
