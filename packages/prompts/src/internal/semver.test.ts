import fc from "fast-check";
import semver from "semver";
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

describe("satisfies: edge cases of npm's semver", () => {
  it.each([
    ["1.2.3 - 2.3.4", "1.2.3", true], ["1.2.3 - 2.3.4", "2.3.4", true], ["1.2.3 - 2.3.4", "2.3.5", false], ["1.2.3 - 2.3.4", "1.2.2", false],
    ["1.2 - 2.3.4", "1.2.0", true], ["1.2.3 - 2.3", "2.3.9", true], ["1.2.3 - 2.3", "2.4.0", false], ["1.2.3 - 2", "2.9.9", true], ["1.2.3 - 2", "3.0.0", false],
    ["* - 2", "0.0.0", true], ["1 - *", "9.0.0", true], ["1 - 2 || 5", "5.1.0", true], ["1 - 2 || 5", "4.0.0", false],
    ["~>1.2", "1.2.9", true], ["~>1.2", "1.3.0", false], ["~> 1", "1.9.9", true], ["~> 1", "2.0.0", false],
    ["v1.2.x", "1.2.5", true], [">= v2", "2.0.0", true], ["^0", "0.9.0", true], ["^0", "1.0.0", false], ["^0.0", "0.0.9", true], ["^0.0", "0.1.0", false],
    ["~0", "0.9.0", true], ["<=1", "1.9.9", true], ["<=1", "2.0.0", false], [">*", "0.0.0", false], ["<*", "0.0.0", false],
  ] as const)("%s matches %s: %s", (range, v, expected) => {
    expect(matches(range, v)).toBe(expected);
  });

  it("rejects what npm's semver rejects, and an empty `||` alternative (semver reads it as *)", () => {
    for (const bad of ["1 - ^2", "1 -2", ">=1 - 2", "1 - 2 - 3", "~x.1", "1 || ", "|| 2"]) expect(parseRange(bad), bad).toBeUndefined();
    expect(semver.validRange("1 || ")).toBe("*");
  });

  it("matches exactly the versions npm's semver matches, for any range both accept", () => {
    const part = fc.constantFrom("0", "1", "2", "10", "x", "X", "*");
    // A wildcard followed by a number (`x.1`) is left out: we refuse it, semver reads it as `*`.
    const partial = fc
      .array(part, { minLength: 1, maxLength: 3 })
      .filter((p) => p.every((x, i) => i === 0 || /\d/.test(p[i - 1] ?? "") || !/\d/.test(x)))
      .map((p) => p.join("."));
    const op = fc.constantFrom("", "^", "~", "~>", ">=", ">", "<", "<=", "=", "v", "= ", ">= ", "~> ");
    const simple = fc.array(fc.tuple(op, partial).map(([o, p]) => o + p), { minLength: 1, maxLength: 3 }).map((c) => c.join(" "));
    const hyphen = fc.tuple(partial, partial).map(([a, b]) => `${a} - ${b}`);
    const range = fc.array(fc.oneof(simple, hyphen), { minLength: 1, maxLength: 2 }).map((a) => a.join(" || "));
    let compared = 0;
    fc.assert(
      fc.property(range, version, (r, v) => {
        const ours = parseRange(r);
        expect(ours !== undefined, r).toBe(semver.validRange(r) !== null);
        if (!ours) return;
        compared++;
        expect(satisfies(v, ours), `${r} @ ${fmt(v)}`).toBe(semver.satisfies(fmt(v), r));
      }),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(1000);
  });
});
