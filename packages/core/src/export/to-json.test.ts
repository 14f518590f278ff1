import { describe, expect, it } from "vitest";
import { sampleNote as note } from "../internal/test-support/sample-note.js";
import { InvalidNoteError } from "../note/invalid-note-error.js";
import { SoapNote } from "../note/soap-note.js";
import { toJson } from "./to-json.js";

describe("toJson", () => {
  it("round-trips through the schema", () => {
    const n = note();
    expect(SoapNote.parse(JSON.parse(toJson(n)))).toEqual(n);
  });

  it("throws InvalidNoteError for a value that does not fit the schema", () => {
    const bad = { ...note(), provenance: { ...note().provenance, created_at: "yesterday" } };
    expect(() => toJson(bad)).toThrow(InvalidNoteError);
  });
});

