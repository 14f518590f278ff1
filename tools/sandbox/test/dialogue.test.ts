// Unit tests of the text and timing helpers behind scripts/make-fixtures.mjs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanWords, findPiiSpans, replaceInText, splitClauses, splitTurns, spokenForm, timeWords } from "../scripts/lib/dialogue.mjs";

describe("splitTurns", () => {
  it("appends untagged lines to the previous turn and drops empty turns", () => {
    const src = "[doctor] all right . so , on this x-ray.\neverything looks normal .\n[patient]\n[patient] . okay .";
    expect(splitTurns(src)).toEqual([
      { tag: "doctor", raw: "all right . so , on this x-ray. everything looks normal ." },
      { tag: "patient", raw: ". okay ." },
    ]);
  });

  it("keeps tags other than doctor and patient as they are", () => {
    expect(splitTurns("[patient_guest] hi").map((t) => t.tag)).toEqual(["patient_guest"]);
  });
});

describe("cleanWords", () => {
  it("attaches punctuation to the word before it and applies name replacements", () => {
    expect(cleanWords("hi , ms. brooks . i'm dr. baker . how are you ?", { brooks: "Quenby", baker: "Varnum" })).toEqual([
      "Hi,", "Ms.", "Quenby.", "I'm", "Dr.", "Varnum.", "How", "are", "you?",
    ]);
  });

  it("rejoins split contractions and drops cut-off hyphens", () => {
    expect(cleanWords("i do n't know , i wan na go to the weekend-")).toEqual(["I", "don't", "know,", "I", "wanna", "go", "to", "the", "weekend."]);
  });

  it("ends an unpunctuated short question with a question mark", () => {
    expect(cleanWords("how are you doing")).toEqual(["How", "are", "you", "doing?"]);
  });

  it("expands a replacement into several words", () => {
    expect(cleanWords("date of birth is 2/21/1968 .", { "2/21/1968": "March 8, 1972" })).toEqual(["Date", "of", "birth", "is", "March", "8,", "1972."]);
  });

  it("never yields an empty or space-containing word", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("i", "do", "n't", ",", ".", "?", "...", "wan", "na", "x-", "-", "brooks"), { maxLength: 30 }), (tokens) => {
        for (const w of cleanWords(tokens.join(" "), { brooks: "Quenby" })) expect(w).toMatch(/^\S+$/);
      }),
    );
  });
});

describe("replaceInText", () => {
  it("replaces whole words only, ignoring case", () => {
    expect(replaceInText("Ms. Brooks walks by the brookside.", { brooks: "Quenby" })).toBe("Ms. Quenby walks by the brookside.");
  });
});

describe("findPiiSpans", () => {
  it("prefers the longest PII string and ignores punctuation and case", () => {
    const words = ["I'm", "Marisol", "Quenby,", "and", "QUENBY", "is", "at", "617-555-0193."];
    const pii = [
      { policy: "person_name", text: "Quenby" },
      { policy: "person_name", text: "Marisol Quenby" },
      { policy: "phone_number", text: "617-555-0193" },
    ];
    expect(findPiiSpans(words, pii)).toEqual([
      { policy: "person_name", first_word: 1, last_word: 2 },
      { policy: "person_name", first_word: 4, last_word: 4 },
      { policy: "phone_number", first_word: 7, last_word: 7 },
    ]);
  });
});

describe("splitClauses", () => {
  it("splits after trailing punctuation but not after a title", () => {
    expect(splitClauses(["Hi,", "Dr.", "Varnum.", "How", "are", "you?"])).toEqual([["Hi,"], ["Dr.", "Varnum."], ["How", "are", "you?"]]);
  });
});

describe("spokenForm", () => {
  it("reads a phone number digit by digit", () => {
    expect(spokenForm("312-555-0147?")).toBe("3 1 2, 5 5 5, 0 1 4 7?");
    expect(spokenForm("x-ray")).toBe("x-ray");
  });
});

describe("timeWords", () => {
  it("gives ordered, non-overlapping times inside the measured speech", () => {
    const word = fc.stringMatching(/^[A-Za-z0-9'-]{1,20}[.,?]?$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.nat(100_000), fc.nat(5_000), (words, startMs, extra) => {
        const endMs = startMs + words.length * 100 + extra;
        const times = timeWords(words, startMs, endMs);
        expect(times).toHaveLength(words.length);
        let prev = startMs;
        for (const t of times) {
          expect(t.start).toBeGreaterThanOrEqual(prev);
          expect(t.end).toBeGreaterThan(t.start);
          prev = t.end;
        }
        expect(prev).toBeLessThanOrEqual(endMs);
      }),
    );
  });

  it("gives longer words more time", () => {
    const [short, long] = timeWords(["a", "extraordinarily"], 0, 1000);
    expect(long!.end - long!.start).toBeGreaterThan(short!.end - short!.start);
  });
});
