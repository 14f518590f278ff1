import type { AgreementToken } from "./tokens.js";

/** A number read from tokens: `[lo, hi]` (equal unless vague, like "a couple"), tokens `[start, end)`. */
export interface ParsedNumber {
  lo: number;
  hi: number;
  start: number;
  end: number;
  /** True for digits and number words; false for vague amounts ("a few", "several"). */
  exact: boolean;
}

const ONES = new Map(Object.entries({ zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 }));
const TEENS = new Map(
  Object.entries({ ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 }),
);
const TENS = new Map(Object.entries({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }));
/** Vague amounts, as the range a reader would accept for them. */
const VAGUE = new Map<string, [number, number]>([
  ["couple", [2, 3]],
  ["few", [2, 4]],
  ["several", [3, 7]],
]);

const word = (t: AgreementToken | undefined): string => (t?.kind === "word" ? t.text : "");
/** Words after which "." starts a decimal (".5 cm") rather than ending a sentence. */
const DECIMAL_BEFORE = new Set(["a", "an", "the", "of", "about", "approximately", "is", "was", "at", "only"]);

/** Spelled-out number at `i` ("fifteen", "twenty-five", "one hundred and twenty", "one fifty", "two point five"). */
function spelled(tokens: readonly AgreementToken[], i: number, lead = 0): { value: number; end: number } | null {
  let total = 0;
  // `lead` 1 reads "a hundred" as "one hundred".
  let current = lead;
  let j = i;
  let last: "ones" | "teens" | "tens" | "scale" | null = lead > 0 ? "ones" : null;
  while (j < tokens.length) {
    const w = word(tokens[j]);
    const one = ONES.get(w);
    const teen = TEENS.get(w);
    const ten = TENS.get(w);
    if (one !== undefined || teen !== undefined) {
      // "five six" is two numbers; "twenty five" one; "twenty fifteen" two.
      if (last === "ones" || last === "teens" || (last === "tens" && one === undefined)) break;
      current += (one ?? teen) as number;
      last = one !== undefined ? "ones" : "teens";
    } else if (ten !== undefined) {
      // "one fifty" is how 150 is said (blood pressures, doses); "fifty sixty" is two numbers.
      if (last === "ones" && current >= 1 && current <= 9 && total === 0) current = current * 100 + ten;
      else if (last === null || last === "scale") current += ten;
      else break;
      last = "tens";
    } else if (w === "hundred" && last !== null && last !== "scale" && current > 0 && current < 100) {
      current *= 100;
      last = "scale";
    } else if (w === "thousand" && last !== null && current > 0) {
      total += current * 1000;
      current = 0;
      last = "scale";
    } else if (w === "and" && last === "scale" && (ONES.has(word(tokens[j + 1])) || TEENS.has(word(tokens[j + 1])) || TENS.has(word(tokens[j + 1])))) {
      j++;
      continue;
    } else if (tokens[j]?.text === "-" && last === "tens" && ONES.has(word(tokens[j + 1]))) {
      j++;
      continue;
    } else break;
    j++;
  }
  if (last === null) return null;
  let value = total + current;
  // "two point five"
  if (word(tokens[j]) === "point" && ONES.has(word(tokens[j + 1]))) {
    let scale = 0.1;
    j++;
    while (ONES.has(word(tokens[j]))) {
      value += (ONES.get(word(tokens[j])) as number) * scale;
      scale /= 10;
      j++;
    }
    value = Math.round(value * 1e6) / 1e6;
  }
  return { value, end: j };
}

/**
 * Reads a number at token `i`: digits ("1,000", "2.5", "a .5"), words ("fifteen", "a hundred"), either
 * followed by "and a half", or a vague amount ("a couple of", "a few", "several"). Returns null
 * when no number starts there. Looks at most a few tokens per number word: linear overall.
 *
 * @example
 * ```ts
 * readNumber(tokenize("one and a half weeks"), 0); // { lo: 1.5, hi: 1.5, start: 0, end: 4, exact: true }
 * ```
 */
export function readNumber(tokens: readonly AgreementToken[], i: number): ParsedNumber | null {
  const t = tokens[i];
  if (!t) return null;
  let value: number;
  let end: number;
  if (t.text === "." && DECIMAL_BEFORE.has(word(tokens[i - 1]))) {
    // "a .5 cm stone", transcribed "a . five centimeter": a leading decimal point, not a full stop.
    const next = tokens[i + 1];
    const digit = next?.kind === "number" && /^\d+$/.test(next.text) ? next.text : ONES.has(word(next)) ? String(ONES.get(word(next))) : null;
    if (digit === null) return null;
    return { lo: Number(`0.${digit}`), hi: Number(`0.${digit}`), start: i, end: i + 2, exact: true };
  }
  if (t.kind === "number") {
    value = Number(t.text.replace(/,/g, ""));
    end = i + 1;
    if (!Number.isFinite(value)) return null;
  } else if ((t.text === "a" || t.text === "an") && (word(tokens[i + 1]) === "hundred" || word(tokens[i + 1]) === "thousand")) {
    const s = spelled(tokens, i + 1, 1);
    if (!s) return null;
    value = s.value;
    end = s.end;
  } else {
    const vague = VAGUE.get(word(t)) ?? (t.text === "a" ? VAGUE.get(word(tokens[i + 1])) : undefined);
    if (vague) {
      let e = t.text === "a" ? i + 2 : i + 1;
      if (word(tokens[e]) === "of") e++;
      return { lo: vague[0], hi: vague[1], start: i, end: e, exact: false };
    }
    const s = spelled(tokens, i);
    if (!s) return null;
    value = s.value;
    end = s.end;
  }
  if (word(tokens[end]) === "and" && word(tokens[end + 1]) === "a" && word(tokens[end + 2]) === "half") {
    value += 0.5;
    end += 3;
  }
  return { lo: value, hi: value, start: i, end, exact: true };
}
