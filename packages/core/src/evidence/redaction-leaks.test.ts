import { describe, expect, it } from "vitest";
import { hasRedactionLeak } from "./redaction-leaks.js";

describe("hasRedactionLeak", () => {
  it("finds markers in prose and ignores them inside quotes", () => {
    expect(hasRedactionLeak("#### is a 58-year-old male")).toBe(true);
    expect(hasRedactionLeak("Seen by [PERSON_NAME] today.")).toBe(true);
    expect(hasRedactionLeak('He said "my name is ####".')).toBe(false);
    expect(hasRedactionLeak("He said \u201cmy name is [PERSON_NAME]\u201d.")).toBe(false);
    expect(hasRedactionLeak("Knee pain [my name is ####] on stairs.")).toBe(false);
    expect(hasRedactionLeak("Knee pain on stairs.")).toBe(false);
  });

  it("answers at once on an unclosed bracket before a long line (no catastrophic backtracking)", () => {
    // The previous pattern took over a minute on a 46 kB answer of this shape; this one is linear.
    const line = `[${"word ".repeat(40_000)}`;
    expect(hasRedactionLeak(`${line} #### here`)).toBe(true);
    expect(hasRedactionLeak(`${"[x ".repeat(20_000)}`)).toBe(false);
  });
});
