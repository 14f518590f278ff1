import type { AgreementToken } from "./tokens.js";

/** What a unit measures; only quantities of the same dimension are compared. */
export type Dimension =
  | "mass"
  | "body_weight"
  | "volume"
  | "units"
  | "heart_rate"
  | "pressure"
  | "concentration"
  | "percent"
  | "length"
  | "temperature"
  | "duration"
  | "interval"
  | "age"
  | "times";

/** A unit: its dimension, the label messages show, and its size in the dimension's base unit. */
export interface UnitDef {
  dimension: Dimension;
  label: string;
  /** Size in the base unit: mg, kg, mL, mm, days; 1 elsewhere. */
  factor: number;
}

const u = (dimension: Dimension, label: string, factor = 1): UnitDef => ({ dimension, label, factor });

const MG = u("mass", "mg");
const MCG = u("mass", "mcg", 0.001);
const G = u("mass", "g", 1000);
const KG = u("body_weight", "kg");
const LB = u("body_weight", "lb", 0.45359237);
const ML = u("volume", "mL");
const L = u("volume", "L", 1000);
const MM = u("length", "mm");
const CM = u("length", "cm", 10);
const INCH = u("length", "in", 25.4);
const MINUTE = u("duration", "minute", 1 / 1440);
const HOUR = u("duration", "hour", 1 / 24);
const DAY = u("duration", "day");
const WEEK = u("duration", "week", 7);
const MONTH = u("duration", "month", 30.44);
const YEAR = u("duration", "year", 365.25);

/** One-token units (spelled out, abbreviated, singular and plural). */
const SINGLE = new Map<string, UnitDef>(
  Object.entries({
    mg: MG, mgs: MG, milligram: MG, milligrams: MG, mcg: MCG, mcgs: MCG, microgram: MCG, micrograms: MCG,
    g: G, gm: G, gram: G, grams: G, kg: KG, kgs: KG, kilogram: KG, kilograms: KG, kilo: KG, kilos: KG,
    lb: LB, lbs: LB, pound: LB, pounds: LB, ml: ML, mls: ML, milliliter: ML, milliliters: ML, millilitre: ML, millilitres: ML,
    cc: ML, ccs: ML, liter: L, liters: L, litre: L, litres: L, unit: u("units", "units"), units: u("units", "units"),
    iu: u("units", "units"), bpm: u("heart_rate", "bpm"), beats: u("heart_rate", "bpm"), mmhg: u("pressure", "mmHg"),
    percent: u("percent", "%"), "%": u("percent", "%"), mm: MM, millimeter: MM, millimeters: MM, millimetre: MM, millimetres: MM,
    cm: CM, centimeter: CM, centimeters: CM, centimetre: CM, centimetres: CM, inch: INCH, inches: INCH,
    degree: u("temperature", "degrees"), degrees: u("temperature", "degrees"), "°": u("temperature", "degrees"),
    minute: MINUTE, minutes: MINUTE, min: MINUTE, mins: MINUTE, hour: HOUR, hours: HOUR, hr: HOUR, hrs: HOUR, h: HOUR,
    day: DAY, days: DAY, week: WEEK, weeks: WEEK, wk: WEEK, wks: WEEK, month: MONTH, months: MONTH,
    year: YEAR, years: YEAR, yr: YEAR, yrs: YEAR, time: u("times", "times"), times: u("times", "times"),
    yo: u("age", "years old"),
  }),
);

/** Several-token units, tried before the one-token ones (longest first). */
const MULTI: [string[], UnitDef][] = [
  [["millimeters", "of", "mercury"], u("pressure", "mmHg")],
  [["millimetres", "of", "mercury"], u("pressure", "mmHg")],
  [["milligrams", "per", "deciliter"], u("concentration", "mg/dL")],
  [["mg", "per", "deciliter"], u("concentration", "mg/dL")],
  [["mg", "/", "dl"], u("concentration", "mg/dL")],
  [["mg", "per", "dl"], u("concentration", "mg/dL")],
  [["beats", "per", "minute"], u("heart_rate", "bpm")],
  [["beats", "a", "minute"], u("heart_rate", "bpm")],
  [["mm", "hg"], u("pressure", "mmHg")],
  [["per", "cent"], u("percent", "%")],
  [["y", "/", "o"], u("age", "years old")],
];
const AGE = u("age", "years old");

/**
 * The unit that starts at token `i` (after an optional hyphen, "58-year-old"), or null. A year
 * followed by "old" or "of age" is an age, not a duration.
 *
 * @example
 * ```ts
 * readUnit(tokenize("20 milligrams"), 1); // { def: { dimension: "mass", label: "mg", factor: 1 }, end: 2 }
 * ```
 */
export function readUnit(tokens: readonly AgreementToken[], i: number): { def: UnitDef; end: number } | null {
  let j = i;
  if (tokens[j]?.text === "-") j++;
  for (const [parts, def] of MULTI) {
    if (parts.every((p, k) => tokens[j + k]?.text === p)) return { def, end: j + parts.length };
  }
  const t = tokens[j];
  const def = t ? SINGLE.get(t.text) : undefined;
  if (!def) return null;
  const end = j + 1;
  if (def === YEAR) {
    const k = tokens[end]?.text === "-" ? end + 1 : end;
    if (tokens[k]?.text === "old") return { def: AGE, end: k + 1 };
    if (tokens[k]?.text === "of" && tokens[k + 1]?.text === "age") return { def: AGE, end: k + 2 };
  }
  return { def, end };
}
