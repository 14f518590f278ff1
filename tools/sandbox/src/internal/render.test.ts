import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactWord, renderTranscript, toSentences } from "./render.js";
import { tinyFixture } from "./test-support/fixtures.js";

describe("redactWord", () => {
  it("hashes the letters and digits and keeps surrounding punctuation", () => {
    expect(redactWord("Peter,", "person_name", "hash")).toBe("#####,");
    expect(redactWord("(555)123-4567.", "phone_number", "hash")).toBe("(############.");
    expect(redactWord("John", "person_name", "hash")).toBe("####");
  });

  it("puts the upper-case policy name in brackets with entity_name", () => {
    expect(redactWord("John!", "person_name", "entity_name")).toBe("[PERSON_NAME]!");
    expect(redactWord("1961.", "date_of_birth", "entity_name")).toBe("[DATE_OF_BIRTH].");
  });

  it("leaves a word of punctuation only alone", () => {
    expect(redactWord("--", "person_name", "hash")).toBe("--");
  });

  it("hash keeps the word's length, whatever the word", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (w) => {
        expect(redactWord(w, "person_name", "hash")).toHaveLength(w.length);
      }),
    );
  });

  it("entity_name never keeps a letter or digit of the word outside the tag", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), (w) => {
        const out = redactWord(w, "person_name", "entity_name").replace("[PERSON_NAME]", "");
        expect(out).not.toMatch(/[\p{L}\p{N}]/u);
      }),
    );
  });
});

describe("renderTranscript", () => {
  it("keeps text equal to the words joined, with or without redaction and labels", async () => {
    const fixture = await tinyFixture();
    const policies = fc.subarray(["person_name", "date_of_birth", "phone_number"]);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), policies, fc.constantFrom("hash" as const, "entity_name" as const), async (labels, ps, sub) => {
        const r = renderTranscript(fixture, { speakerLabels: labels, redaction: { policies: new Set(ps), substitution: sub } });
        expect(r.text).toBe(r.words.map((w) => w.text).join(" "));
        expect(r.words).toHaveLength(fixture.words.length);
        if (labels) expect(r.utterances?.map((u) => u.text).join(" ")).toBe(r.text);
        else expect(r.utterances).toBeNull();
        expect(r.confidence).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });

  it("splits sentences that join back into the text", async () => {
    const fixture = await tinyFixture();
    const r = renderTranscript(fixture, { speakerLabels: true, redaction: null });
    const sentences = toSentences(r.words, (i) => fixture.words[i]?.speaker ?? null);
    expect(sentences.map((s) => s.text).join(" ")).toBe(r.text);
    expect(sentences.every((s) => s.words.every((w) => w.speaker === s.speaker))).toBe(true);
  });
});
