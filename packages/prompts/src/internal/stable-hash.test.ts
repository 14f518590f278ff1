import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hash53, hash53Bytes, unitInterval } from "./stable-hash.js";

describe("hash53", () => {
  it("is a deterministic 53-bit unsigned integer", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const h = hash53(s);
        expect(Number.isSafeInteger(h)).toBe(true);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(hash53(s)).toBe(h);
      }),
    );
  });

  it("hashes exactly the UTF-8 bytes TextEncoder gives, lone surrogates included", () => {
    const encoder = new TextEncoder();
    // Code points from every UTF-8 length class, plus lone surrogates (UTF-16 units on their own).
    const codePoint = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xffff }), fc.integer({ min: 0x10000, max: 0x10ffff }));
    const unit = fc.oneof(codePoint.map((c) => String.fromCodePoint(c)), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)));
    const text = fc.array(unit, { maxLength: 20 }).map((units) => units.join(""));
    fc.assert(
      fc.property(text, (s) => {
        expect(hash53(s)).toBe(hash53Bytes(encoder.encode(s)));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps experiment assignment stable across releases (known-answer vectors)", () => {
    // Changing the hash would reassign every running experiment. Update only on purpose.
    expect([hash53(""), hash53("a"), hash53("visit-1"), hash53("salt\u0000v\u0000visit-1")]).toEqual(KNOWN);
  });

  it("flips about half the output bits between neighbouring keys (avalanche)", () => {
    let flipped = 0;
    let total = 0;
    for (let i = 0; i < 2000; i++) {
      const a = `key-${i}`;
      const b = `key-${i ^ 1}`;
      const x = hash53(a);
      const y = hash53(b);
      // Compare the high 32 and low 21 bits separately (bitwise ops are 32-bit).
      const hi = (Math.floor(x / 2 ** 21) ^ Math.floor(y / 2 ** 21)) >>> 0;
      const lo = ((x % 2 ** 21) ^ (y % 2 ** 21)) >>> 0;
      flipped += popcount(hi) + popcount(lo);
      total += 53;
    }
    expect(flipped / total).toBeGreaterThan(0.47);
    expect(flipped / total).toBeLessThan(0.53);
  });
});

describe("unitInterval", () => {
  it("lies strictly between 0 and 1 and spreads sequential keys evenly over ten buckets", () => {
    const buckets = new Array<number>(10).fill(0);
    const n = 50_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = unitInterval(`visit-${i}`);
      if (!(u > 0 && u < 1)) outside++;
      else buckets[Math.floor(u * 10)]! += 1;
    }
    expect(outside).toBe(0);
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.999 quantile.
    const expected = n / 10;
    const chi2 = buckets.reduce((sum, b) => sum + (b - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.9);
  });
});

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

const KNOWN = [5005433491237162, 2926205385336528, 1912324346956034, 7790366689991697];
