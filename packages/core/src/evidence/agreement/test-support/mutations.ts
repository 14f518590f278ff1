/**
 * Test support (never built): one-fact edits of a correct statement, the errors the agreement rules
 * exist to catch: a changed number, the other side, a flipped negation, another drug. Each returns
 * null when the statement has no such fact that its quote confirms (nothing to break).
 */
import { medicationsIn } from "../medications.js";
import { termPolarity } from "../negation.js";
import { extractQuantities } from "../quantities.js";
import { sidesOf } from "../laterality.js";
import { tokenize } from "../tokens.js";
import { stem } from "../words.js";

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Changes a number the quote states with a comparable unit: 20 mg → 27 mg. */
export function changeNumber(statement: string, quote: string): string | null {
  const q = extractQuantities(tokenize(quote));
  const keys = new Set(q.flatMap((x) => x.keys));
  for (const s of extractQuantities(tokenize(statement))) {
    if (s.lo !== s.hi || !s.keys.some((k) => keys.has(k)) || !Number.isInteger(s.lo)) continue;
    const re = new RegExp(`(?<![\\d.,/])${escape(String(s.lo))}(?![\\d/]|\\.\\d)`);
    if (!re.test(statement)) continue;
    return statement.replace(re, String(s.lo + 7));
  }
  return null;
}

/** Swaps left and right when the statement and its quote name the same single side. */
export function swapSide(statement: string, quote: string): string | null {
  const s = sidesOf(tokenize(statement));
  const q = sidesOf(tokenize(quote));
  if (s.size !== 1 || s.has("bilateral") || q.size !== 1 || ![...s].every((x) => q.has(x))) return null;
  return statement.replace(/\b(left|right|Left|Right)\b/g, (w) => ({ left: "right", right: "left", Left: "Right", Right: "Left" })[w] ?? w);
}

const CUE_SWAPS: [RegExp, string][] = [
  [/\bdenies\b/i, "reports"],
  [/\bdenied\b/i, "reported"],
  [/\bnegative for\b/i, "positive for"],
  [/\bwithout\b/i, "with"],
  [/\bno\s+/i, ""],
  [/\bnot\s+/i, ""],
];

/** Flips one finding both texts agree on: asserted → "no …", denied → cue removed ("denies" → "reports"). */
export function flipNegation(statement: string, quote: string): string | null {
  const s = termPolarity(tokenize(statement));
  const q = termPolarity(tokenize(quote));
  const words = statement.match(/[A-Za-z]+/g) ?? [];
  for (const [term, p] of s) {
    const o = q.get(term);
    if (!o) continue;
    const word = words.find((w) => stem(w.toLowerCase()) === term);
    if (!word) continue;
    const at = statement.search(new RegExp(`\\b${escape(word)}\\b`));
    if (p.affirmed > 0 && p.negated === 0 && o.affirmed > 0 && o.negated === 0) {
      return `${statement.slice(0, at)}no ${statement.slice(at)}`;
    }
    if (p.negated > 0 && p.affirmed === 0 && o.negated > 0 && o.affirmed === 0) {
      const before = statement.slice(0, at);
      for (const [re, by] of CUE_SWAPS) {
        const all = [...before.matchAll(new RegExp(re.source, "gi"))];
        const last = all[all.length - 1];
        if (last?.index !== undefined) return before.slice(0, last.index) + by + before.slice(last.index + last[0].length) + statement.slice(at);
      }
    }
  }
  return null;
}

/** Replaces a drug the quote names with one it does not. */
export function swapMedication(statement: string, quote: string): string | null {
  const q = medicationsIn(tokenize(quote));
  for (const [canonical, written] of medicationsIn(tokenize(statement))) {
    if (!q.has(canonical)) continue;
    const other = ["warfarin", "metformin", "sertraline"].find((d) => !q.has(d) && d !== canonical);
    if (!other) continue;
    return statement.replace(new RegExp(`\\b${escape(written)}\\b`, "i"), other);
  }
  return null;
}
