import { describe, expect, it } from "vitest";
import { lateralityDisagreement, sidesOf } from "./laterality.js";
import { tokenize } from "./tokens.js";

const sides = (text: string) => [...sidesOf(tokenize(text))].sort();
const disagree = (a: string, b: string) => lateralityDisagreement(sidesOf(tokenize(a)), sidesOf(tokenize(b)));

describe("sidesOf", () => {
  it("reads a side before a body part, hyphenated, or after 'on the'", () => {
    expect(sides("right index finger")).toEqual(["right"]);
    expect(sides("left lower extremity")).toEqual(["left"]);
    expect(sides("left-sided weakness")).toEqual(["left"]);
    expect(sides("pain on the right")).toEqual(["right"]);
    expect(sides("bilateral edema")).toEqual(["bilateral"]);
    expect(sides("both knees")).toEqual(["bilateral"]);
  });

  it("ignores 'right' and 'left' that name no side", () => {
    expect(sides("all right , right now , that's right")).toEqual([]);
    expect(sides("right in the middle of my back")).toEqual([]);
    expect(sides("i left the office")).toEqual([]);
    expect(sides("you're right ?")).toEqual([]);
  });
});

describe("lateralityDisagreement", () => {
  it("flags left against right, and the reverse", () => {
    expect(disagree("Right knee pain.", "my left knee hurts")).toEqual({ statement: ["right"], quote: ["left"] });
    expect(disagree("Left shoulder.", "on the right")).toEqual({ statement: ["left"], quote: ["right"] });
  });

  it("accepts the same side, bilateral against one side, and texts that name none", () => {
    expect(disagree("Right knee pain.", "my right knee hurts")).toBeNull();
    expect(disagree("Right foot wound.", "bilateral palpable pulses")).toBeNull();
    expect(disagree("Knee pain.", "my left knee hurts")).toBeNull();
    expect(disagree("Right knee pain.", "it hurts")).toBeNull();
  });
});
