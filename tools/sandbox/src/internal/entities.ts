import { BODY_PARTS, ENTITY_LEXICON, MONTHS, NUMBER_WORDS, TIME_UNITS } from "./entity-lexicon.js";
import type { Fixture, FixtureWord } from "./fixture-schema.js";
import { PII_POLICIES } from "./transcript-params.js";

/** openapi.yml `EntityType`: the same 44 names as `PiiPolicy` (a test compares both with the spec). */
export const ENTITY_TYPES = PII_POLICIES;
/** One `EntityType`. */
export type EntityType = (typeof ENTITY_TYPES)[number];

/** openapi.yml `Entity` (closed): what entity detection found, with the times of its words. */
export interface EntityOut {
  entity_type: EntityType;
  text: string;
  start: number;
  end: number;
}

/** A word's letters, digits and inner `'`/`-`, lower case ("Penberthy." -> "penberthy", "X-rays," -> "x-rays"). */
export function normaliseWord(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}'-]+/gu, "").replace(/^['-]+|['-]+$/g, "");
}

/**
 * Trims a span's outer punctuation ("April 9, 1977." -> "April 9, 1977"), like the spec's example
 * `"Canada"`; a trailing `%` (a statistic) stays.
 */
const trimOuter = (s: string): string => s.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}%]+$/gu, "");

/** A word that ends a clause: phrases (other than dates) do not run across it. */
const CLAUSE_END = /[.,?!;:]["')\]]*$/;

interface Match {
  first: number;
  last: number;
  type: EntityType;
  /** When only part of the run is the entity (an age's number), its index. */
  only?: number;
}

const lexicon: { words: string[]; type: EntityType }[] = [
  ...Object.entries(ENTITY_LEXICON).flatMap(([type, phrases]) => phrases.map((p) => ({ words: p.split(" "), type: type as EntityType }))),
  ...BODY_PARTS.map((part) => ({ words: [part, "pain"], type: "medical_condition" as const })),
];
const numbers = new Set<string>(NUMBER_WORDS);
const units = new Set<string>(TIME_UNITS);
const months = new Set<string>(MONTHS);
const isNumber = (w: string | undefined): boolean => w !== undefined && (numbers.has(w) || /^\d+$/.test(w));

/** Candidates starting at word `i` (all rules; the caller keeps the longest). */
function candidates(norm: readonly string[], words: readonly FixtureWord[], i: number): Match[] {
  const out: Match[] = [];
  const open = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (CLAUSE_END.test(words[k]?.text ?? "")) return false;
    return true;
  };
  for (const { words: phrase, type } of lexicon) {
    if (phrase.every((p, j) => norm[i + j] === p) && open(i, i + phrase.length - 1)) out.push({ first: i, last: i + phrase.length - 1, type });
  }
  const w = norm[i];
  const age = w?.match(/^(\d+)-year-old$/);
  if (age) out.push({ first: i, last: i, type: "person_age" });
  if (isNumber(w) && norm[i + 1] === "year" && norm[i + 2] === "old" && open(i, i + 2)) out.push({ first: i, last: i + 2, type: "person_age", only: i });
  else if (isNumber(w) && units.has(norm[i + 1] ?? "") && open(i, i + 1)) out.push({ first: i, last: i + 1, type: "duration" });
  if (isNumber(w) && norm[i + 1] === "percent" && open(i, i + 1)) out.push({ first: i, last: i + 1, type: "statistics" });
  if (w !== undefined && /^\d+%$/.test(words[i]?.text.replace(/[.,?!;:]+$/, "") ?? "")) out.push({ first: i, last: i, type: "statistics" });
  if (w !== undefined && months.has(w) && /^\d{1,2}(st|nd|rd|th)?$/.test(norm[i + 1] ?? "")) {
    const year = /^\d{4}$/.test(norm[i + 2] ?? "");
    out.push({ first: i, last: year ? i + 2 : i + 1, type: "date" });
  }
  return out;
}

/**
 * Entity detection over a fixture, deterministic: first the fixture's PII spans (names, dates of birth,
 * phone numbers, occupations, organizations: their policy names are `EntityType` names), then rules
 * over the words, left to right, longest match first, never overlapping an earlier entity: the
 * {@link ENTITY_LEXICON} phrases, `<body part> pain`, ages (`48 year old` -> `48`), durations
 * (`two weeks`), statistics (`18 percent`) and dates (`March 7`).
 *
 * Always over the unredacted words: AssemblyAI applies PII redaction to `text`, `words` and
 * `utterances` only, so `entities` can still hold the PII (API-NOTES.md). Sorted by start time.
 */
export function findEntities(fixture: Fixture): EntityOut[] {
  const words = fixture.words;
  const taken = new Array<boolean>(words.length).fill(false);
  const found: Match[] = [];
  const take = (m: Match) => {
    for (let k = m.first; k <= m.last; k++) taken[k] = true;
    found.push(m);
  };
  const types = new Set<string>(ENTITY_TYPES);
  for (const span of fixture.pii) if (types.has(span.policy)) take({ first: span.first_word, last: span.last_word, type: span.policy as EntityType });

  const norm = words.map((w) => normaliseWord(w.text));
  for (let i = 0; i < words.length; i++) {
    const free = candidates(norm, words, i).filter((m) => taken.slice(m.first, m.last + 1).every((t) => !t));
    const best = free.sort((a, b) => b.last - a.last)[0];
    if (!best) continue;
    take(best);
    i = best.last;
  }
  return found
    .map((m) => {
      const first = m.only ?? m.first;
      const last = m.only ?? m.last;
      const text = trimOuter(words.slice(first, last + 1).map((w) => w.text).join(" "));
      return { entity_type: m.type, text: m.type === "person_age" ? text.replace(/-year-old$/i, "") : text, start: words[first]!.start, end: words[last]!.end };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
