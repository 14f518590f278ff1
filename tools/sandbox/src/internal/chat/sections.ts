import type { Unit } from "./transcript-units.js";

export const SECTIONS = ["subjective", "objective", "assessment", "plan"] as const;
export type Section = (typeof SECTIONS)[number];

/** The four Method 2 questions of the seed tutorial. */
const SEED_QUESTIONS: [string, Section][] = [
  ["what are the patient's current symptoms or concerns?", "subjective"],
  ["what are the measurable and observable findings from the examination?", "objective"],
  ["based on the patient's history and examination, what is your assessment or diagnosis?", "assessment"],
  ["what is the plan of action or treatment for the patient?", "plan"],
];

/** The one section a prompt asks for (a seed question, or exactly one section word), else null. */
export function requestedSection(outside: string): Section | null {
  const lower = outside.toLowerCase().replace(/[’]/g, "'");
  for (const [question, section] of SEED_QUESTIONS) if (lower.includes(question)) return section;
  const named = SECTIONS.filter((s) => new RegExp(`\\b${s}\\b`, "i").test(lower));
  return named.length === 1 ? (named[0] ?? null) : null;
}

const RULES: Record<Section, { re: RegExp; from: Unit["role"] }> = {
  subjective: {
    re: /\b(pain|hurts?|hurting|ache|aching|sore|swelling|swollen|feel|feeling|felt|tired|fatigue|cough|fever|nausea|dizzy|headaches?|short of breath|numb|tingling|trouble|worse|started|noticed|been having|complain\w*)\b/i,
    from: "patient",
  },
  objective: {
    re: /\b(exam|examination|examine|blood pressure|heart rate|pulse|temperature|vitals?|x-?rays?|mri|ct|labs?|results?|tender(ness)?|range of motion|lungs?|murmur|reflexes|a1c|ekg|ecg|ultrasound|oxygen|saturation|weight|swelling|bruising)\b/i,
    from: "clinician",
  },
  assessment: {
    re: /\b(i think|diagnos\w*|likely|consistent with|suspect|impression|sounds like|looks like|probably|assessment)\b/i,
    from: "clinician",
  },
  plan: {
    re: /\b(we'll|we will|i'll|i will|i'm going to|prescrib\w*|follow[- ]?up|order\w*|refer\w*|schedul\w*|start you on|recommend\w*|physical therapy|come back|continue)\b/i,
    from: "clinician",
  },
};

const MAX_PER_SECTION = 3;

const PRIORITY: Section[] = ["plan", "assessment", "objective", "subjective"];

function matches(u: Unit, section: Section): boolean {
  const rule = RULES[section];
  return !u.text.endsWith("?") && rule.re.test(u.text) && (u.role === null || u.role === rule.from);
}

const LONG = 40;

/**
 * Shortens a long sentence (unpunctuated speech runs on) to a window of words around its first
 * keyword: a slice of the original string, so the quote stays exact.
 */
export function excerpt(text: string, re: RegExp): string {
  const words = text.split(" ");
  if (words.length <= LONG) return text;
  const at = re.exec(text)?.index ?? 0;
  let start = at;
  for (let n = 0; n < 8 && start > 0; n++) start = text.lastIndexOf(" ", start - 1 < 0 ? 0 : start - 1);
  let end = at;
  for (let n = 0; n < 20 && end !== -1 && end < text.length; n++) end = text.indexOf(" ", end + 1);
  return text.slice(Math.max(0, start), end === -1 ? text.length : end).trim();
}

/**
 * Picks up to three sentences per section by keyword rules, preferring the section's usual speaker.
 * A sentence goes to one section only: plan, then assessment, then objective, then subjective.
 */
export function pickUnits(units: Unit[], section: Section): Unit[] {
  const higher = PRIORITY.slice(0, PRIORITY.indexOf(section));
  const picked = units.filter((u) => matches(u, section) && !higher.some((h) => matches(u, h)));
  if (picked.length === 0 && section === "subjective") {
    const firstPatient = units.find((u) => u.role === "patient");
    return firstPatient ? [{ ...firstPatient, text: excerpt(firstPatient.text, /\S/) }] : [];
  }
  return picked.slice(0, MAX_PER_SECTION).map((u) => ({ ...u, text: excerpt(u.text, RULES[section].re) }));
}
