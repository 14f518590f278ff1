import { describe, expect, it } from "vitest";
import { isRedactedWord, tokenizeText, tokenizeWords, WILDCARD } from "./normalize.js";

describe("normalize", () => {
  it("lower-cases, strips punctuation and diacritics, splits hyphens", () => {
    expect(tokenizeText("Café, FOLLOW-UP!  (80mg)")).toEqual(["cafe", "follow", "up", "80mg"]);
  });

  it("glues split contractions so 'do n't' equals \"don't\"", () => {
    expect(tokenizeText("i do n't know , it 's fine")).toEqual(tokenizeText("I don't know, it's fine"));
  });

  it("turns hash runs and entity tags into wildcards, with word sources", () => {
    expect(isRedactedWord("####,")).toBe(true);
    expect(isRedactedWord("[PERSON_NAME]'s")).toBe(true);
    expect(isRedactedWord("#3")).toBe(false);
    expect(tokenizeWords(["hi", "####", "how", "are-you"])).toEqual({ tokens: ["hi", WILDCARD, "how", "are", "you"], source: [0, 1, 2, 3, 3] });
  });
});
