import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { completedTranscript } from "./test-support/fake-visit-clients.js";
import { parseVisitInput } from "./visit-input.js";

describe("parseVisitInput", () => {
  it("accepts each input kind and keeps a transcript JSON's unknown fields", () => {
    const body = new Uint8Array([1]);
    expect(parseVisitInput({ kind: "audio", body, name: "visit.mp3" })).toEqual({ kind: "audio", body, name: "visit.mp3" });
    expect(parseVisitInput({ kind: "audio", body: new Blob([body]) }).kind).toBe("audio");
    expect(parseVisitInput({ kind: "audio", body: new ReadableStream() }).kind).toBe("audio");
    expect(parseVisitInput({ kind: "audio_url", url: "https://example.org/a.mp3" })).toEqual({ kind: "audio_url", url: "https://example.org/a.mp3" });
    expect(parseVisitInput({ kind: "transcript_id", transcriptId: " tr_1 " })).toEqual({ kind: "transcript_id", transcriptId: "tr_1" });
    expect(parseVisitInput({ kind: "transcript_text", text: "[doctor] hi" })).toEqual({ kind: "transcript_text", text: "[doctor] hi" });
    const json = { ...completedTranscript("tr_j"), acoustic_model: "x" };
    const parsed = parseVisitInput({ kind: "transcript_json", transcript: json });
    expect(parsed.kind === "transcript_json" && parsed.transcript["acoustic_model"]).toBe("x");
  });

  it("rejects a string body, an ftp URL, an empty id and an unknown kind, naming the path", () => {
    const cases: [unknown, string][] = [
      [{ kind: "audio", body: "bytes" }, "body"],
      [{ kind: "audio_url", url: "ftp://example.org/a.mp3" }, "url"],
      [{ kind: "transcript_id", transcriptId: "   " }, "transcriptId"],
      [{ kind: "video" }, "kind"],
    ];
    for (const [raw, path] of cases) {
      let error: unknown;
      try {
        parseVisitInput(raw);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).issues.map((i) => i.path.join("."))).toContain(path);
    }
  });

  it("throws only RequestValidationError on arbitrary input, and never echoes transcript text", () => {
    const secret = "PATIENT-SECRET-TEXT";
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ kind: fc.constantFrom("audio", "audio_url", "transcript_id", "transcript_text", "transcript_json"), text: fc.anything(), url: fc.anything(), transcript: fc.anything() }),
          fc.record({ kind: fc.constant("transcript_json"), transcript: fc.record({ id: fc.anything(), status: fc.anything(), text: fc.constant(secret), words: fc.anything() }) }),
        ),
        (raw) => {
          try {
            parseVisitInput(raw);
          } catch (err) {
            expect(err).toBeInstanceOf(RequestValidationError);
            expect((err as Error).message).not.toContain(secret);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
