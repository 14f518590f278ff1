import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readNumber } from "./numbers.js";
import { tokenize } from "./tokens.js";

const read = (text: string) => {
  const n = readNumber(tokenize(text), 0);
  return n && { lo: n.lo, hi: n.hi, exact: n.exact };
};

describe("readNumber", () => {
  it("reads digits with thousands separators and decimals", () => {
    expect(read("1,000 mg")).toEqual({ lo: 1000, hi: 1000, exact: true });
    expect(read("2.5 mg")).toEqual({ lo: 2.5, hi: 2.5, exact: true });
  });

  it("reads number words, hyphenated tens and hundreds", () => {
    expect(read("fifteen milligrams")?.lo).toBe(15);
    expect(read("twenty-five")?.lo).toBe(25);
    expect(read("twenty five")?.lo).toBe(25);
    expect(read("one hundred and twenty")?.lo).toBe(120);
    expect(read("a hundred and twenty")?.lo).toBe(120);
    expect(read("three thousand")?.lo).toBe(3000);
  });

  it("reads spoken hundreds ('one fifty') and decimals ('two point five')", () => {
    expect(read("one fifty over ninety")?.lo).toBe(150);
    expect(read("one twenty eight over seventy")?.lo).toBe(128);
    expect(read("two point five")?.lo).toBe(2.5);
  });

  it("adds 'and a half' and reads a leading decimal point after an article", () => {
    expect(read("one and a half weeks")?.lo).toBe(1.5);
    expect(readNumber(tokenize("a . five centimeter"), 1)?.lo).toBe(0.5);
    expect(readNumber(tokenize("a .5 cm stone"), 1)?.lo).toBe(0.5);
    // A full stop after a normal word is a full stop.
    expect(readNumber(tokenize("pain . five days"), 1)).toBeNull();
  });

  it("reads vague amounts as ranges, marked inexact", () => {
    expect(read("a couple of days")).toEqual({ lo: 2, hi: 3, exact: false });
    expect(read("a few weeks")).toEqual({ lo: 2, hi: 4, exact: false });
  });

  it("stops between two numbers said in a row and reads nothing from plain words", () => {
    expect(read("five six")?.lo).toBe(5);
    expect(read("fifty sixty")?.lo).toBe(50);
    expect(read("constructor")).toBeNull();
    expect(read("a day")).toBeNull();
    expect(read("hundred")).toBeNull();
  });

  it("is the value of any integer written in digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        expect(read(String(n))?.lo).toBe(n);
      }),
    );
  });
});
