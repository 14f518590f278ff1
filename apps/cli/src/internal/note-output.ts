import { type SoapNote, toFhirBundle, toJson, toMarkdown } from "@org/soap-core";
import type { NoteFormat } from "./settings.js";

/** Said in every note the embedded sandbox produced. */
export const SANDBOX_PROVENANCE_NOTICE =
  "Generated on the local soap-notes sandbox from sample fixtures (no AssemblyAI call, no real model): a demonstration, not a clinical note.";

/** Where a note came from, beyond what core's provenance records. */
export interface OutputOrigin {
  sandbox: boolean;
}

/** File name suffix of each format (`<id>.md`, `<id>.json`, `<id>.fhir.json`). */
export const FORMAT_EXTENSION: Record<NoteFormat, string> = { md: ".md", json: ".json", fhir: ".fhir.json" };

/**
 * Renders a note in one format with core's exporters. Sandbox notes say so: a quoted line at the
 * top of the Markdown, `provenance.environment`/`provenance.notice` in the JSON (extra keys the
 * SoapNote schema tolerates), and the FHIR Composition's title.
 */
export function renderNote(note: SoapNote, format: NoteFormat, origin: OutputOrigin): string {
  switch (format) {
    case "md": {
      const md = toMarkdown(note);
      return origin.sandbox ? `> **Sandbox output.** ${SANDBOX_PROVENANCE_NOTICE}\n\n${md}` : md;
    }
    case "json": {
      const json = toJson(note);
      if (!origin.sandbox) return json;
      const data = JSON.parse(json) as { provenance: Record<string, unknown> };
      data.provenance["environment"] = "sandbox";
      data.provenance["notice"] = SANDBOX_PROVENANCE_NOTICE;
      return `${JSON.stringify(data, null, 2)}\n`;
    }
    case "fhir":
      return `${JSON.stringify(toFhirBundle(note, origin.sandbox ? { title: "SOAP note (sandbox demonstration, not a clinical note)" } : {}), null, 2)}\n`;
  }
}
