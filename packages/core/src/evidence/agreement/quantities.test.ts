import { describe, expect, it } from "vitest";
import { extractQuantities, numberValues } from "./quantities.js";
import { tokenize } from "./tokens.js";

const q = (text: string) => extractQuantities(tokenize(text)).map((x) => ({ display: x.display, dimension: x.dimension, base: x.base }));
const displays = (text: string) => extractQuantities(tokenize(text)).map((x) => x.display);

describe("extractQuantities", () => {
  it("normalises unit spellings to one label and base unit", () => {
    expect(q("fifteen milligrams")).toEqual([{ display: "15 mg", dimension: "mass", base: [15, 15] }]);
    expect(q("1 g")).toEqual([{ display: "1 g", dimension: "mass", base: [1000, 1000] }]);
    expect(q("2 weeks")[0]?.base).toEqual([14, 14]);
    expect(displays("72 beats per minute, 98 percent, 45%, 10 units, 8 cm")).toEqual(["72 bpm", "98%", "45%", "10 units", "8 cm"]);
  });

  it("reads ranges joined by to, -, or and between … and", () => {
    expect(displays("5 to 10 mg")).toEqual(["5 to 10 mg"]);
    expect(displays("six to eight weeks")).toEqual(["6 to 8 weeks"]);
    expect(displays("2-3 days")).toEqual(["2 to 3 days"]);
    expect(displays("between 1 and 2 weeks")).toEqual(["1 to 2 weeks"]);
  });

  it("tells ages from durations and intervals from durations", () => {
    expect(q("a 58-year-old male")).toEqual([{ display: "58 years old", dimension: "age", base: [58, 58] }]);
    expect(q("58 years of age")[0]?.dimension).toBe("age");
    expect(q("for 3 years")[0]?.dimension).toBe("duration");
    expect(q("every 6 hours")[0]).toMatchObject({ display: "every 6 hours", dimension: "interval" });
    expect(q("q.6 h.")[0]?.dimension).toBe("interval");
    expect(q("q6h")[0]).toMatchObject({ display: "every 6 hours", dimension: "interval", base: [0.25, 0.25] });
  });

  it("reads blood pressures and grades as pairs, and skips dates, clock times and ordinals", () => {
    expect(displays("BP 120/80 mmHg")).toEqual(["120/80"]);
    expect(displays("one twenty over eighty")).toEqual(["120/80"]);
    expect(displays("a two out of six murmur")).toEqual(["2/6"]);
    expect(displays("seen 3/15/2024 at 3:30 on the 3rd")).toEqual([]);
  });

  it("keys unitless numbers by the noun after them or the word before them, and drops lone ones", () => {
    expect(extractQuantities(tokenize("3 children"))[0]?.keys).toEqual(["noun:children"]);
    expect(extractQuantities(tokenize("A1c of 7.2"))[0]?.keys).toEqual(["after:a1c"]);
    expect(extractQuantities(tokenize("that one hurts"))).toEqual([]);
    expect(extractQuantities(tokenize("and 5 .")).length).toBe(0);
  });

  it("counts 'twice a day' but not 'once he got home'", () => {
    expect(displays("twice a day")).toEqual(["twice"]);
    expect(displays("three times a day")).toEqual(["3 times"]);
    expect(displays("once he got home")).toEqual([]);
  });
});

describe("numberValues", () => {
  it("lists every number spelled in the text, with or without a unit", () => {
    expect([...numberValues(tokenize("day six of ten, 2.5"))]).toEqual([6, 10, 2.5]);
  });
});
