import { toFhirBundle, toJson, toMarkdown, type SoapNote } from "@org/soap-core";

/** The formats `GET /v1/notes/{id}?format=` serves. */
export type NoteFormat = "md" | "json" | "fhir";

/** Renders a note in one format, with its content type. */
export function renderNote(note: SoapNote, format: NoteFormat): { body: string; contentType: string } {
  switch (format) {
    case "md":
      return { body: toMarkdown(note), contentType: "text/markdown; charset=utf-8" };
    case "json":
      return { body: toJson(note), contentType: "application/json; charset=utf-8" };
    case "fhir":
      return { body: JSON.stringify(toFhirBundle(note)), contentType: "application/fhir+json; charset=utf-8" };
  }
}
