import fc from "fast-check";
import { seededRandom } from "../support/random.js";

export const rng = seededRandom;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, n: number): number => Math.floor(r() * n);

const HEADINGS = [
  "## Subjective", "**Subjective:**", "S:", "SUBJECTIVE", "# Objective", "**Objective**", "O:", "### Assessment",
  "Assessment:", "A:", "## Plan", "PLAN:", "P:", "ASSESSMENT AND PLAN", "## Assessment & Plan", "CHIEF COMPLAINT",
  "HISTORY OF PRESENT ILLNESS", "PHYSICAL EXAM", "RESULTS", "## Notes", "# Summary", "####### deep", "**:**", "#",
];
const FRAGMENTS = [
  '{"subjective":', '{"subjective":{"statements":[{"text":"x","evidence":[{"quote":', "]}}", "{{{{{{", "}}}}", "[[[[", "null",
  '"\\u0000"', "```json", "```", "~~~", "\u0000", "\ufeff", "\u202e", "\ud83d\ude00", "\ud800", "\udfff", "\u0301\u0301\u0301",
  "\r", "\r\n", "\u2028", "\u2029", "Let me know if you need anything else.", "[", "]", "[ quote", "[unfinished quote",
  "####", "[PERSON_NAME]", "- ", "1. ", "> ", "\t", "\\", "%s", "${x}", "__proto__", "constructor", "toString",
];

/** One mutation of `text`, chosen and applied with `r`. */
export function mutate(text: string, r: Rand): string {
  const lines = text.split("\n");
  const at = (n: number): number => int(r, n + 1);
  switch (int(r, 16)) {
    case 0:
      return text.slice(0, at(text.length));
    case 1: {
      const i = at(lines.length - 1);
      lines.splice(i, 0, lines[i] ?? "");
      return lines.join("\n");
    }
    case 2:
      return lines.filter(() => r() > 0.3).join("\n");
    case 3: {
      const i = at(text.length);
      return text.slice(0, i) + pick(r, FRAGMENTS) + text.slice(i);
    }
    case 4: {
      const i = at(lines.length);
      lines.splice(i, 0, pick(r, HEADINGS));
      return lines.join("\n");
    }
    case 5:
      return lines.filter((l) => !/^\s*(#|\*\*|[SOAP]:|[A-Z ]{4,}:?$)/.test(l) || r() > 0.5).join("\n");
    case 6:
      return text.replace(/\n/g, "\r\n");
    case 7:
      return `\ufeff${text}`;
    case 8:
      return `${pick(r, ["```", "```markdown", "~~~", "```json"])}\n${text}\n${pick(r, ["```", "~~~", ""])}${r() > 0.5 ? "\nI hope this helps!" : ""}`;
    case 9: {
      const i = at(text.length);
      return text.slice(0, i) + pick(r, ["x", "word ", "\u00e9", "\u4e2d", "\u0000", "["]).repeat(1000 + int(r, 60_000)) + text.slice(i);
    }
    case 10:
      return text.replace(/[aeiou]/g, (c) => (r() < 0.05 ? pick(r, ["\u0000", "\ud800", "\u0301", "\u200b", c.toUpperCase()]) : c));
    case 11:
      return "{".repeat(1 + int(r, 5000)) + text + "}".repeat(int(r, 5000));
    case 12:
      return lines.map((l) => (r() < 0.2 ? `${pick(r, HEADINGS)} ${l}` : l)).join("\n");
    case 13: {
      const a = at(lines.length - 1);
      const b = at(lines.length - 1);
      [lines[a], lines[b]] = [lines[b] ?? "", lines[a] ?? ""];
      return lines.join("\n");
    }
    case 14:
      return lines.map((l) => (r() < 0.3 ? `[${l.slice(0, 40 + int(r, 80))}]` : l)).join("\n");
    default:
      return text + text.slice(0, at(text.length));
  }
}

/** `1 + extra` stacked mutations. */
export function mutateMany(text: string, r: Rand, extra = int(r, 3)): string {
  let out = text;
  for (let i = 0; i <= extra; i++) out = mutate(out, r);
  return out;
}

/** Mutations of a JSON answer: structural ones as well as text ones. */
export function mutateJson(text: string, r: Rand): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return mutateMany(text, r);
  }
  const weird = [null, 0, -1, 1e308, "", "x".repeat(5000), [], {}, true, [null], { statements: null }, { statements: [{}] }, { statements: [{ text: 7, evidence: "q" }] }];
  const walk = (v: unknown, depth: number): unknown => {
    if (r() < 0.04) return pick(r, weird);
    if (Array.isArray(v)) return (r() < 0.1 ? [...v, ...v] : v).map((x) => walk(x, depth + 1));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (r() < 0.05) continue;
        out[r() < 0.03 ? pick(r, ["__proto__", "constructor", `${k}_`, k.toUpperCase()]) : k] = walk(x, depth + 1);
      }
      return out;
    }
    if (typeof v === "string" && r() < 0.1) return mutate(v, r);
    return v;
  };
  const json = JSON.stringify(walk(value, 0)) ?? "null";
  return r() < 0.3 ? mutate(json, r) : json;
}

/** An arbitrary of SOAP-like answers built from headings, prose, quotes, fences and noise. */
export function answerArbitrary(): fc.Arbitrary<string> {
  const line = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HEADINGS) },
    { weight: 4, arbitrary: fc.lorem({ maxCount: 12, mode: "sentences" }) },
    { weight: 2, arbitrary: fc.lorem({ maxCount: 6 }).map((q) => `- finding [${q}]`) },
    { weight: 1, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  );
  return fc.array(line, { maxLength: 40 }).chain((ls) => fc.constantFrom("\n", "\r\n", "\r").map((nl) => ls.join(nl)));
}
