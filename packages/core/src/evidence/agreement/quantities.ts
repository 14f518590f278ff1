import { readNumber, type ParsedNumber } from "./numbers.js";
import type { AgreementToken } from "./tokens.js";
import { readUnit, type Dimension } from "./units.js";
import { isStopWord, stem } from "./words.js";

/**
 * A quantity of a text: a value or range with its unit. Values in `base` are in the dimension's base
 * unit (mg, kg, mL, mm, days) so that "2 weeks" and "14 days" compare equal. `keys` say what it may
 * be compared with: its dimension for a known unit, else the noun after it ("3 children") and the
 * word before it ("A1c of 7.2"); a bare number with neither is never compared.
 */
export interface Quantity {
  lo: number;
  hi: number;
  base: [number, number];
  dimension: Dimension | "pair" | "count";
  /** Unit label, e.g. "mg", "week"; "" for a pair or a count. */
  unit: string;
  keys: string[];
  /** For messages: "50 mg", "120/80", "a couple of days". */
  display: string;
}

const RANGE_JOIN = new Set(["to", "-", "\u2013", "\u2014", "or", "through"]);
const FREQUENCY_AFTER = new Set(["a", "an", "per", "every", "daily", "weekly", "nightly", "monthly", "yearly"]);
const MULTIPLIERS = new Map([
  ["once", 1],
  ["twice", 2],
  ["thrice", 3],
]);
const ORDINAL_SUFFIX = new Set(["st", "nd", "rd", "th"]);
/** "q6h", "q12h": every N hours, written as one word. */
const Q_HOURS = /^q(\d{1,2})h$/;
/** Words a number's anchor may skip: "A1c of 7.2", "pressure is 120/80", "weight was about 80". */
const ANCHOR_SKIP = new Set(["of", "is", "was", "at", "about", "around", "approximately", "roughly", "were", "are", "be", "been", "to", "now"]);

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

function plural(label: string, hi: number): string {
  if (["minute", "hour", "day", "week", "month", "year"].includes(label)) return hi === 1 ? label : `${label}s`;
  return label;
}

function range(lo: number, hi: number): string {
  return lo === hi ? fmt(lo) : `${fmt(lo)} to ${fmt(hi)}`;
}

function isWord(t: AgreementToken | undefined): t is AgreementToken {
  return t?.kind === "word";
}

/** The content word before token `i` (skipping linking words), stemmed; "" when none. */
function anchorBefore(tokens: readonly AgreementToken[], i: number): string {
  for (let k = i - 1, seen = 0; k >= 0 && seen < 3; k--, seen++) {
    const t = tokens[k];
    if (!isWord(t) || readNumber(tokens, k) !== null) return "";
    if (ANCHOR_SKIP.has(t.text)) continue;
    return isStopWord(t.text) ? "" : stem(t.text);
  }
  return "";
}

/** A number followed by a second one after "/", "over" or "out of": a blood pressure or a grade ("3/6"). */
function readPair(tokens: readonly AgreementToken[], first: ParsedNumber): { second: ParsedNumber; end: number } | null {
  const join = tokens[first.end]?.text;
  const outOf = join === "out" && tokens[first.end + 1]?.text === "of";
  if (join !== "/" && join !== "over" && !outOf) return null;
  const second = readNumber(tokens, first.end + (outOf ? 2 : 1));
  if (!second || !second.exact || !first.exact) return null;
  return { second, end: second.end };
}

/**
 * Every quantity of a token list, left to right. Dates ("3/15/2024", "3rd"), clock times ("3:30")
 * and vague amounts without a unit are skipped. Each number is read once and looks a bounded
 * number of tokens ahead: linear in the number of tokens.
 *
 * @example
 * ```ts
 * extractQuantities(tokenize("lisinopril fifteen milligrams for 2 weeks")).map((q) => q.display); // ["15 mg", "2 weeks"]
 * ```
 */
export function extractQuantities(tokens: readonly AgreementToken[]): Quantity[] {
  const out: Quantity[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as AgreementToken;
    const times = MULTIPLIERS.get(t.text);
    if (times !== undefined && t.kind === "word" && FREQUENCY_AFTER.has(tokens[i + 1]?.text ?? "")) {
      out.push({ lo: times, hi: times, base: [times, times], dimension: "times", unit: "times", keys: ["times"], display: t.text });
      i++;
      continue;
    }
    const qh = t.kind === "word" ? Q_HOURS.exec(t.text) : null;
    if (qh) {
      const h = Number(qh[1]);
      out.push({ lo: h, hi: h, base: [h / 24, h / 24], dimension: "interval", unit: "hour", keys: ["interval"], display: `every ${h} ${plural("hour", h)}` });
      i++;
      continue;
    }
    const first = readNumber(tokens, i);
    if (!first) {
      i++;
      continue;
    }
    const next = tokens[first.end];
    if (next && ((next.text === ":" && tokens[first.end + 1]?.kind === "number") || ORDINAL_SUFFIX.has(next.text))) {
      i = first.end + 1;
      continue;
    }
    const pair = readPair(tokens, first);
    if (pair) {
      if (tokens[pair.end]?.text === "/" && tokens[pair.end + 1]?.kind === "number") {
        i = pair.end + 2; // a date
        continue;
      }
      const [a, b] = [first.lo, pair.second.lo];
      const unit = readUnit(tokens, pair.end);
      const end = unit && unit.def.dimension === "pressure" ? unit.end : pair.end;
      out.push({ lo: a, hi: b, base: [a, b], dimension: "pair", unit: "", keys: ["pair"], display: `${fmt(a)}/${fmt(b)}` });
      i = end;
      continue;
    }
    const lo = first.lo;
    let hi = first.hi;
    let end = first.end;
    const between = i > 0 && tokens[i - 1]?.text === "between";
    const join = tokens[end]?.text ?? "";
    if (first.exact && (RANGE_JOIN.has(join) || (between && join === "and"))) {
      const second = readNumber(tokens, end + 1);
      if (second && second.exact && second.lo > lo) {
        hi = second.hi;
        end = second.end;
      }
    }
    const unit = readUnit(tokens, end);
    if (unit) {
      // "every 6 hours", "q.6 h.", "q6h": how often, not how long.
      const every = tokens[i - 1]?.text === "every" || tokens[i - 1]?.text === "q" || (tokens[i - 1]?.text === "." && tokens[i - 2]?.text === "q");
      const def = every && unit.def.dimension === "duration" ? { ...unit.def, dimension: "interval" as const } : unit.def;
      const amount = first.exact ? `${range(lo, hi)}${def.label === "%" ? "%" : ` ${plural(def.label, hi)}`}` : tokens.slice(i, unit.end).map((x) => x.text).join(" ");
      const display = def.dimension === "interval" ? `every ${amount}` : amount;
      out.push({ lo, hi, base: [lo * def.factor, hi * def.factor], dimension: def.dimension, unit: def.label, keys: [def.dimension], display });
      i = unit.end;
      continue;
    }
    // A lone "one" is mostly a pronoun ("that one", "one of them").
    if (first.exact && !(lo === 1 && t.kind === "word")) {
      const keys: string[] = [];
      const noun = tokens[end];
      if (isWord(noun) && !isStopWord(noun.text) && readNumber(tokens, end) === null) keys.push(`noun:${stem(noun.text)}`);
      const anchor = anchorBefore(tokens, i);
      if (anchor !== "") keys.push(`after:${anchor}`);
      if (keys.length > 0) out.push({ lo, hi, base: [lo, hi], dimension: "count", unit: "", keys, display: range(lo, hi) });
    }
    i = Math.max(end, i + 1);
  }
  return out;
}

/**
 * Every value a number of the text spells, with or without a unit: a statement value the quote
 * states anywhere ("day six" against "6 days") is not called a disagreement.
 *
 * @example
 * ```ts
 * numberValues(tokenize("day six of ten")); // Set { 6, 10 }
 * ```
 */
export function numberValues(tokens: readonly AgreementToken[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < tokens.length; ) {
    const n = readNumber(tokens, i);
    if (n && n.exact) {
      out.add(n.lo);
      i = n.end;
    } else i++;
  }
  return out;
}
