import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTranscriptText } from "./transcript-text.js";

describe("parseTranscriptText", () => {
  it("reads [doctor]/[patient] lines and derives roles", () => {
    const d = parseTranscriptText("[doctor] hi , brian .\n[patient] hi , good to see you .\r\n[doctor] okay .");
    expect(d.utterances).toEqual([
      { speaker: "doctor", text: "hi , brian ." },
      { speaker: "patient", text: "hi , good to see you ." },
      { speaker: "doctor", text: "okay ." },
    ]);
    expect(d.speakerRoles).toEqual({ doctor: "clinician", patient: "patient" });
    expect(d.words.slice(0, 3)).toEqual([
      { text: "hi", speaker: "doctor" },
      { text: ",", speaker: "doctor" },
      { text: "brian", speaker: "doctor" },
    ]);
  });

  it("reads Speaker A: lines and joins unlabelled lines to the previous turn", () => {
    const d = parseTranscriptText("Speaker A: How are you?\nstill talking\n\nSpeaker B: Fine.");
    expect(d.utterances).toEqual([
      { speaker: "A", text: "How are you? still talking" },
      { speaker: "B", text: "Fine." },
    ]);
    expect(d.speakerRoles).toEqual({});
  });

  it("gives text before any label to speaker unknown and never throws", () => {
    expect(parseTranscriptText("hello there").utterances).toEqual([{ speaker: "unknown", text: "hello there" }]);
    fc.assert(fc.property(fc.string(), (s) => {
      const d = parseTranscriptText(s);
      expect(d.words.every((w) => w.text.length > 0 && !/\s/.test(w.text))).toBe(true);
    }));
  });
});
