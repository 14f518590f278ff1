import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines } from "./line-diff.js";

describe("diffLines", () => {
  it("marks removed, added and kept lines", () => {
    expect(diffLines(["a", "b", "c"], ["a", "x", "c"])).toEqual([
      { op: " ", text: "a" },
      { op: "-", text: "b" },
      { op: "+", text: "x" },
      { op: " ", text: "c" },
    ]);
  });

  it("rebuilds both sides from the diff and keeps a longest common subsequence", () => {
    const lines = fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 12 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const d = diffLines(a, b);
        expect(d.filter((l) => l.op !== "+").map((l) => l.text)).toEqual(a);
        expect(d.filter((l) => l.op !== "-").map((l) => l.text)).toEqual(b);
        if (a.join() === b.join()) expect(d.every((l) => l.op === " ")).toBe(true);
      }),
    );
  });
});
