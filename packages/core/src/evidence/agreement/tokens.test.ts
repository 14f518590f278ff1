import { describe, expect, it } from "vitest";
import { MAX_AGREEMENT_TOKENS, tokenize } from "./tokens.js";
import { stem } from "./words.js";

describe("tokenize", () => {
  it("keeps numbers, alphanumeric words and contractions whole, and marks each kind", () => {
    expect(tokenize("BP 120/80, A1c 7.2, don’t do n't 1,000").map((t) => `${t.kind[0]}:${t.text}`)).toEqual([
      "w:bp", "n:120", "s:/", "n:80", "s:,", "w:a1c", "n:7.2", "s:,", "w:don't", "w:do", "w:n't", "n:1,000",
    ]);
  });

  it("stops at MAX_AGREEMENT_TOKENS tokens", () => {
    expect(tokenize("x ".repeat(MAX_AGREEMENT_TOKENS + 50))).toHaveLength(MAX_AGREEMENT_TOKENS);
  });
});

describe("stem", () => {
  it("gives inflections of one word one stem, and keeps different words apart", () => {
    expect(new Set(["smoke", "smokes", "smoked", "smoking"].map(stem)).size).toBe(1);
    expect(stem("fevers")).toBe(stem("fever"));
    expect(stem("fever")).not.toBe(stem("fatigue"));
    expect(stem("tenderness")).toBe("tenderness");
  });
});
