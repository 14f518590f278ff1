import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractQuotes, splitStatements } from "./statements.js";

describe("splitStatements", () => {
  it("cuts paragraphs into sentences and list items into one statement each", () => {
    const out = splitStatements("Knee pain for 2 weeks. Worse on stairs! Dr. Smith saw her.\n- ice\n- rest 2 days. No sport.\n2) ibuprofen");
    expect(out.map((s) => s.text)).toEqual(["Knee pain for 2 weeks.", "Worse on stairs!", "Dr. Smith saw her.", "ice", "rest 2 days. No sport.", "ibuprofen"]);
  });

  it("extracts bracketed, straight and curly quotes and drops bracket annotations from the text", () => {
    const [s] = splitStatements('Headaches every morning, [my head hurts when I wake up]');
    expect(s).toEqual({ text: "Headaches every morning", quotes: ["my head hurts when I wake up"] });
    expect(extractQuotes('She said "it hurts. A lot" and “I can’t sleep”.')).toEqual({
      text: 'She said "it hurts. A lot" and “I can’t sleep”.',
      quotes: ["it hurts. A lot", "I can’t sleep"],
    });
  });

  it("does not take redaction tags, placeholders or markdown links for quotes", () => {
    expect(extractQuotes("Seen by [PERSON_NAME], see [the guide](http://x), [exact quote from patient]").quotes).toEqual([]);
  });

  it("skips heading lines but keeps inline text after a heading label", () => {
    expect(splitStatements("CHIEF COMPLAINT\nCough.\nHPI: Cough for 3 days.").map((s) => s.text)).toEqual(["Cough.", "Cough for 3 days."]);
  });

  it("extracts the same quotes as the plain regex model of the rule", () => {
    // The rule as a regex (quadratic on hostile input, hence not the implementation).
    const model = (t: string): string[] => {
      const out: string[] = [];
      for (const m of t.matchAll(/"([^"\n]{2,}?)"|\u201c([^\u201d\n]{2,}?)\u201d|\[([^\]\n]{2,}?)\](?!\()/g)) {
        const q = (m[1] ?? m[2] ?? m[3] ?? "").trim();
        if (m[3] !== undefined ? !/^[A-Z][A-Z0-9_]*$/.test(q) && !/^(an? )?exact quote\b/i.test(q) && /\s/.test(q) : q.length > 0) out.push(q);
      }
      return out;
    };
    const chars = fc.constantFrom('"', "\u201c", "\u201d", "[", "]", "(", " ", "\n", "a", "B", "_", "x y");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join("")), (t) => {
        expect(extractQuotes(t).quotes).toEqual(model(t));
      }),
      { numRuns: 500 },
    );
  });

  it("never throws and returns no empty statements", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (t) => {
        for (const s of splitStatements(t)) expect(s.text.length + s.quotes.length).toBeGreaterThan(0);
      }),
    );
  });
});
