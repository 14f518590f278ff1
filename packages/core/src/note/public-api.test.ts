import { describe, expect, it } from "vitest";
import * as core from "../index.js";

describe("@org/soap-core note engine public API", () => {
  it("exports the engine functions and classes by name", () => {
    for (const name of [
      "parseSoapText", "splitStatements", "looksLikePlan", "checkEvidence", "findQuote", "buildTranscriptIndex",
      "parseTranscriptText", "hasRedactionLeak", "createSoapNote", "soapNoteFromText", "toMarkdown", "toJson",
      "toFhirBundle", "generateSoapNote", "regenerateSection",
    ] as const) {
      expect(typeof core[name], name).toBe("function");
    }
    expect(new core.SoapParseError("invalid_input", "x").name).toBe("SoapParseError");
    expect(new core.InvalidNoteError([]).name).toBe("InvalidNoteError");
    expect(core.SoapNote.safeParse({}).success).toBe(false);
    expect(core.soapNoteJsonSchema).toHaveProperty("type", "object");
  });

  it("goes from a clinician note and a dialogue to markdown through the public API", () => {
    const dialogue = core.parseTranscriptText("[doctor] how is the knee ?\n[patient] it hurts when i climb stairs .");
    const note = core.checkEvidence(
      core.soapNoteFromText('CHIEF COMPLAINT\nKnee pain, "it hurts when I climb stairs".\nPLAN\nIce.', {
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
    expect(core.toMarkdown(note)).toMatch(/“it hurts when I climb stairs” — patient$/m);
  });
});
