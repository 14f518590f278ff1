import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Version, compareVersions, parseRange, parseVersion, satisfies } from "./semver.js";

function matches(range: string, version: string): boolean {
  const r = parseRange(range);
  const v = parseVersion(version);
  if (!r || !v) throw new Error(`bad test input ${range} ${version}`);
  return satisfies(v, r);
}

const version = fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5)).map((v) => v as Version);
const fmt = (v: Version) => v.join(".");

describe("parseVersion", () => {
  it("parses major.minor.patch and rejects anything else", () => {
    expect(parseVersion("2.10.3")).toEqual([2, 10, 3]);
    for (const bad of ["2", "2.0", "02.0.0", "1.0.0-beta", "v1.0.0", " 1.0.0", "1.0.0.0", ""]) expect(parseVersion(bad)).toBeUndefined();
  });

  it("round-trips any version through its text", () => {
    fc.assert(
      fc.property(version, (v) => {
        expect(parseVersion(fmt(v))).toEqual(v);
      }),
    );
  });
});

describe("satisfies", () => {
  it.each([
    ["^2", "2.0.0", true], ["^2", "2.9.9", true], ["^2", "3.0.0", false], ["^2", "1.9.9", false],
    ["^2.1.0", "2.0.9", false], ["^2.1.0", "2.1.0", true],
    ["^0.2.3", "0.2.9", true], ["^0.2.3", "0.3.0", false], ["^0.0.3", "0.0.3", true], ["^0.0.3", "0.0.4", false],
    ["~1.2.3", "1.2.9", true], ["~1.2.3", "1.3.0", false], ["~1", "1.9.0", true], ["~1", "2.0.0", false],
    ["1.2.3", "1.2.3", true], ["=1.2.3", "1.2.4", false], ["1", "1.5.0", true], ["1", "2.0.0", false],
    ["1.x", "1.2.0", true], ["1.2.x", "1.3.0", false], ["1.2.*", "1.2.7", true],
    ["*", "9.9.9", true], ["x", "0.0.0", true], ["", "3.1.4", true],
    [">=1.0.0", "1.0.0", true], [">=1.0.0", "0.9.9", false], [">1.0.0", "1.0.0", false], [">1", "1.9.0", false], [">1", "2.0.0", true],
    ["<2", "1.9.9", true], ["<2", "2.0.0", false], ["<=1.2", "1.2.9", true], ["<=1.2", "1.3.0", false],
    [">=1 <3", "2.5.0", true], [">=1 <3", "3.0.0", false], [">= 1.0.0 < 2", "1.5.0", true],
    ["1.0.0 || ^3", "3.1.0", true], ["1.0.0 || ^3", "2.0.0", false],
  ] as const)("%s matches %s: %s", (range, v, expected) => {
    expect(matches(range, v)).toBe(expected);
  });

  it("rejects malformed ranges", () => {
    for (const bad of ["^", "abc", "1.2.3.4", ">=x.1", "1 ||", "^^1", "01.0.0"]) expect(parseRange(bad)).toBeUndefined();
  });

  it("^v and ~v always contain v and nothing below it", () => {
    fc.assert(
      fc.property(version, version, (v, w) => {
        for (const op of ["^", "~", ">="]) {
          expect(matches(`${op}${fmt(v)}`, fmt(v))).toBe(true);
          if (compareVersions(w, v) < 0) expect(matches(`${op}${fmt(v)}`, fmt(w))).toBe(false);
        }
      }),
    );
  });

  it("^v with major > 0 is exactly the versions from v below the next major", () => {
    fc.assert(
      fc.property(version.filter((v) => v[0] > 0), version, (v, w) => {
        const expected = compareVersions(w, v) >= 0 && w[0] === v[0];
        expect(matches(`^${fmt(v)}`, fmt(w))).toBe(expected);
      }),
    );
  });
});
