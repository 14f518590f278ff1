import { ConfigError, TemplateNotFoundError } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { SectionGenerationError, StructuredAnswerError } from "../generate/generation-errors.js";
import { InvalidNoteError } from "../note/invalid-note-error.js";
import { fromResponse } from "./from-response.js";
import { isPermanentError } from "./classify.js";
import { RequestValidationError, ResponseValidationError } from "./response-validation-error.js";
import { TranscriptCreateUncertainError, TranscriptFailedError } from "./transcript-errors.js";
import { AbortError, ConnectionError, TimeoutError } from "./transport-errors.js";

const api = (status: number) => fromResponse({ status, headers: new Headers(), bodyText: '{"error":"x"}', operation: "GET /v2/transcript/{id}", secrets: [] });

describe("isPermanentError", () => {
  it.each([400, 401, 403, 404, 413, 422])("HTTP %i is permanent", (status) => {
    expect(isPermanentError(api(status))).toBe(true);
  });
  it.each([408, 409, 429, 500, 502, 503, 504])("HTTP %i is transient", (status) => {
    expect(isPermanentError(api(status))).toBe(false);
  });
  it("a failed transcript, our own request validation and template/config errors are permanent", () => {
    expect(isPermanentError(new TranscriptFailedError("t1", "Audio duration is too short."))).toBe(true);
    expect(isPermanentError(new RequestValidationError("bad request", { issues: [] }))).toBe(true);
    expect(isPermanentError(new TemplateNotFoundError("nope@1", [], "No template nope@1"))).toBe(true);
    expect(isPermanentError(new ConfigError([{ path: "model", message: "required" }]))).toBe(true);
  });
  it("transport failures, garbled answers, model format breaks, uncertain creates and unknowns are transient", () => {
    for (const err of [
      new ConnectionError("reset"),
      new TimeoutError("slow"),
      new AbortError("stopped"),
      new ResponseValidationError("garbled", { issues: [] }),
      new TranscriptCreateUncertainError("lost answer", {}),
      new Error("what"),
      "a string",
      undefined,
    ]) {
      expect(isPermanentError(err), String(err)).toBe(false);
    }
    expect(isPermanentError(new StructuredAnswerError([], 2))).toBe(false);
    expect(isPermanentError(new InvalidNoteError([]))).toBe(false);
    expect(isPermanentError(Object.create(SectionGenerationError.prototype))).toBe(false);
  });
});
