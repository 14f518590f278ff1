import { describe, expect, it } from "vitest";
import * as engine from "../engine/index.js";
import * as exporter from "../export/index.js";
import * as core from "../index.js";
import * as schemas from "../schemas/index.js";

// The note engine moved off the root entry (clients + errors only) to @org/soap-core/engine, its
// renderers to @org/soap-core/export and its schemas to @org/soap-core/schemas.
describe("@org/soap-core note engine public API", () => {
  it("exports the engine functions and classes by name", () => {
    for (const name of [
      "parseSoapText", "splitStatements", "looksLikePlan", "checkEvidence", "findQuote", "buildTranscriptIndex",
      "parseTranscriptText", "hasRedactionLeak", "createSoapNote", "soapNoteFromText", "generateSoapNote", "regenerateSection",
    ] as const) {
      expect(typeof engine[name], name).toBe("function");
    }
    for (const name of ["toMarkdown", "toJson", "toFhirBundle"] as const) {
      expect(typeof exporter[name], name).toBe("function");
    }
    expect(new core.SoapParseError("invalid_input", "x").name).toBe("SoapParseError");
    expect(new core.InvalidNoteError([]).name).toBe("InvalidNoteError");
    expect(engine.SoapNote.safeParse({}).success).toBe(false);
    expect(schemas.SoapNote).toBe(engine.SoapNote);
    expect(schemas.soapNoteJsonSchema).toHaveProperty("type", "object");
  });

  it("goes from a clinician note and a dialogue to markdown through the public API", () => {
    const dialogue = engine.parseTranscriptText("[doctor] how is the knee ?\n[patient] it hurts when i climb stairs .");
    const note = engine.checkEvidence(
      engine.soapNoteFromText('CHIEF COMPLAINT\nKnee pain, "it hurts when I climb stairs".\nPLAN\nIce.', {
        provenance: {
          template: { ref: "manual@1", hash: "none" },
          model: "none",
          transcript_source: "text",
          created_at: "2026-11-25T09:00:00Z",
          usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
          latency_ms: 0,
          requests: 0,
        },
      }),
      dialogue,
    );
    expect(exporter.toMarkdown(note)).toMatch(/“it hurts when I climb stairs” — patient$/m);
  });
});
