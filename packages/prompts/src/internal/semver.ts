// Kept: npm's semver adds 6.2 KiB min+gzip to core's typical import (budget 25 KiB) and 5.5 KiB to the Worker; this is 0.9 KiB.
// A small semver subset for template versions: `major.minor.patch` versions (no pre-releases) and
// ranges built from `^`, `~` (or `~>`), `=`, `>`, `>=`, `<`, `<=`, x-ranges (`2`, `2.x`, `2.1.*`, `*`),
// hyphen ranges (`1.2 - 2`), space-separated comparators (AND) and `||` (OR). Where both accept a
// range, it matches what npm's semver matches: semver.test.ts checks it against semver itself.

/** A parsed `major.minor.patch`. */
export type Version = readonly [number, number, number];

type Op = ">=" | ">" | "<" | "<=" | "=";
interface Comparator {
  op: Op;
  version: Version;
}

/** A range: OR of ANDs of comparators. An empty AND matches everything. */
export type Range = Comparator[][];

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const PARTIAL = /^v?(\*|x|X|0|[1-9]\d*)(?:\.(\*|x|X|0|[1-9]\d*)(?:\.(\*|x|X|0|[1-9]\d*))?)?$/;
const COMPARATOR = /^(\^|~>|~|=|>=|<=|>|<)?\s*(.*)$/;
const HYPHEN = /^(\S+)\s+-\s+(\S+)$/;

/** Parses a strict `major.minor.patch` version, or returns undefined. */
export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Orders two versions: negative, zero or positive. */
export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function isWild(part: string | undefined): boolean {
  return part === undefined || part === "*" || part === "x" || part === "X";
}

function comparatorsFor(op: string, partial: string): Comparator[] | undefined {
  const m = PARTIAL.exec(partial);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3]];
  // The number of leading concrete parts; everything after the first wildcard must be one too.
  let n = 0;
  while (n < 3 && !isWild(parts[n])) n++;
  if (parts.slice(n).some((p) => !isWild(p))) return undefined; // `x.1` means nothing
  const num = (i: number) => (i < n ? Number(parts[i]) : 0);
  const [ma, mi, pa] = [num(0), num(1), num(2)];
  const lo: Version = [ma, mi, pa];
  // The first version above every version the partial covers (undefined for `*`).
  const next: Version | undefined = n === 0 ? undefined : n === 1 ? [ma + 1, 0, 0] : n === 2 ? [ma, mi + 1, 0] : [ma, mi, pa + 1];
  const range = (upper: Version | undefined): Comparator[] => [{ op: ">=", version: lo }, ...(upper ? [{ op: "<" as const, version: upper }] : [])];

  switch (op) {
    case "":
    case "=":
      return n === 3 ? [{ op: "=", version: lo }] : range(next);
    case "^": {
      if (n === 0) return [];
      const upper: Version =
        ma > 0 || n === 1 ? [ma + 1, 0, 0] : mi > 0 || n === 2 ? [0, mi + 1, 0] : [0, 0, pa + 1];
      return range(upper);
    }
    case "~":
    case "~>":
      if (n === 0) return [];
      return range(n === 1 ? [ma + 1, 0, 0] : [ma, mi + 1, 0]);
    case ">=":
      return n === 0 ? [] : [{ op: ">=", version: lo }];
    case ">":
      if (n === 0) return [{ op: "<", version: [0, 0, 0] }]; // nothing is above everything
      return n === 3 ? [{ op: ">", version: lo }] : [{ op: ">=", version: next as Version }];
    case "<":
      return n === 0 ? [{ op: "<", version: [0, 0, 0] }] : [{ op: "<", version: lo }];
    case "<=":
      if (n === 0) return [];
      return n === 3 ? [{ op: "<=", version: lo }] : [{ op: "<", version: next as Version }];
    default:
      return undefined;
  }
}

/** `A - B`: from A (`>=`) up to B (`<=`, or below the next version after a partial B), bare versions only. */
function hyphenRange(from: string, to: string): Comparator[] | undefined {
  const lower = comparatorsFor(">=", from);
  const upper = comparatorsFor("<=", to);
  return lower && upper ? [...lower, ...upper] : undefined;
}

/** Parses a range such as `^2`, `~1.2.0`, `>=1 <3`, `1 - 2.1`, `1.x || 2.0.0`; returns undefined when malformed. */
export function parseRange(text: string): Range | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return [[]];
  const sets: Range = [];
  for (const alternative of trimmed.split("||")) {
    const hyphen = HYPHEN.exec(alternative.trim());
    if (hyphen) {
      const set = hyphenRange(hyphen[1] ?? "", hyphen[2] ?? "");
      if (!set) return undefined;
      sets.push(set);
      continue;
    }
    // Glue operators to their versions (`>= 1.2` -> `>=1.2`) before splitting on spaces.
    const tokens = alternative.trim().replace(/(\^|~>|~|>=|<=|>|<|=)\s+/g, "$1").split(/\s+/).filter(Boolean);
    if (tokens.length === 0) return undefined;
    const set: Comparator[] = [];
    for (const token of tokens) {
      const m = COMPARATOR.exec(token);
      const comparators = m ? comparatorsFor(m[1] ?? "", m[2] ?? "") : undefined;
      if (!comparators) return undefined;
      set.push(...comparators);
    }
    sets.push(set);
  }
  return sets;
}

function test(c: Comparator, v: Version): boolean {
  const d = compareVersions(v, c.version);
  switch (c.op) {
    case ">=":
      return d >= 0;
    case ">":
      return d > 0;
    case "<":
      return d < 0;
    case "<=":
      return d <= 0;
    case "=":
      return d === 0;
  }
}

/** Whether a version lies in a parsed range. */
export function satisfies(version: Version, range: Range): boolean {
  return range.some((set) => set.every((c) => test(c, version)));
}
