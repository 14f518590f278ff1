import { trimSpan, type ScrubFinding } from "./finding.js";

// A date is a date of birth when a label announces it: "DOB 07/01/1954", "date of birth is
// 2/21/1968", or the answer to "…your full name and date of birth?" on the next turn. Any other
// date ("started on March 3rd", "labs dated 3/3/21") is clinical and stays.

const LABEL = /(?<![\p{L}\p{N}_#])(?:d\.?o\.?b\b\.?|date[ \t]+of[ \t]+birth|birth[ \t]?date|birthday|born(?:[ \t]+(?:on|in))?)(?![\p{L}\p{N}])/giu;

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
/** Word edges where `#` (a scrubbed character) counts as part of a word. */
const W = String.raw`(?<![\p{L}\p{N}_#])`;
const NW = String.raw`(?![\p{L}\p{N}_#])`;

/** The dates a birth date is written as, most specific first at each position. */
const DATE = new RegExp(
  [
    String.raw`${W}${MONTH}\.?[ \t]{1,3}${DAY}(?:,?[ \t]{1,3}${YEAR})?${NW}`,
    String.raw`${W}${DAY}[ \t]{1,3}(?:of[ \t]{1,3})?${MONTH}\.?(?:,?[ \t]{1,3}${YEAR})?${NW}`,
    String.raw`${W}${MONTH}\.?,?[ \t]{1,3}${YEAR}${NW}`,
    String.raw`(?<![\p{N}#/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\p{N}#]|[/.-][\d#])`,
    String.raw`(?<![\p{N}#/.-])${YEAR}-\d{1,2}-\d{1,2}(?![\p{N}#]|[/.-][\d#])`,
    String.raw`${W}${YEAR}${NW}`,
    // A date scrubbed already (####): it answers its label, which then claims no other date.
    String.raw`#+(?:[ \t,/.-]{1,3}#+)*`,
  ].join("|"),
  "giu",
);

/** Characters after the label a birth date may start within; the window also ends with the next turn. */
const WINDOW = 160;
/** A date without a year counts only this close to its label ("born on March 3rd"). */
const NEAR = 40;
/** Words that mean the talk has moved on to the illness: a date after them is clinical. */
const CLINICAL_CUE =
  /\b(?:start(?:ed|s)?|began|begin|since|ago|onset|pain|hurt\w*|happened|injur\w*|symptom\w*|seen|visit\w*|admit\w*|surgery|last|first|weeks?|months?|days?|dated|labs?|results?|tests?|scans?|mri|x-?rays?|diagnos\w*|noticed|hospital\w*)\b/iu;
/** Words of an answer that are not a name: "Sure, it's …", "My date of birth is …". */
const ANSWER_WORD: ReadonlySet<string> = new Set(
  "sure yes yeah yep ok okay um uh umm uhh hmm mm mm-hmm oh well so right it's its it is was my date of birth dob name i i'm am and for me the your full born on in that's thats let see sir ma'am".split(" "),
);
/** At most this many other words (a name: first, middle, last) may come before the date on its line. */
const MAX_OTHER_WORDS = 3;
/** Only these may stand between a label and a bare year ("born in 1977", "DOB: 1954"). */
const YEAR_GAP = /^[\s:,.-]*(?:is|was|in)?[\s:,.-]*$/iu;

/** End of the window: the end of the line after the label's line (the answer's turn), at most WINDOW away. */
function windowEnd(text: string, from: number): number {
  const cap = Math.min(text.length, from + WINDOW);
  let lines = 0;
  for (let i = from; i < cap; i++) {
    if (text.charCodeAt(i) === 10 && ++lines === 2) return i;
  }
  return cap;
}

/** Every date in the text, in order (one linear scan). */
function allDates(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  DATE.lastIndex = 0;
  for (let d = DATE.exec(text); d !== null; d = DATE.exec(text)) out.push({ start: d.index, text: d[0] });
  return out;
}

/**
 * Dates of birth: the first date after a birth label, within the label's turn and the next one.
 * A date counts when at most a name stands before it on its line and no word before it turns to the
 * illness ("started", "labs", "since"…); a date without a year only right after its label; a bare
 * year only right after "born in" / "DOB".
 */
export function findDatesOfBirth(text: string): ScrubFinding[] {
  const out: ScrubFinding[] = [];
  const dates = allDates(text);
  let next = 0;
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(text); m !== null; m = LABEL.exec(text)) {
    const from = m.index + m[0].length;
    // Labels come in order, so the first date after this one is found by moving forward only.
    while (next < dates.length && (dates[next] as { start: number }).start < from) next++;
    const d = dates[next];
    if (d === undefined) break;
    if (d.start + d.text.length > windowEnd(text, from) || d.text.startsWith("#")) continue;
    const gap = text.slice(from, d.start);
    // On the answer's line, only what precedes the date there counts (the question may go on before it).
    const answer = gap.slice(gap.lastIndexOf("\n") + 1);
    const others = answer.split(/[\s,.;:!?]+/).filter((w) => w !== "" && !ANSWER_WORD.has(w.toLowerCase())).length;
    const bareYear = /^\d{4}$/.test(d.text);
    const hasYear = /\d{4}/.test(d.text) || /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(d.text);
    const ok = bareYear ? YEAR_GAP.test(gap) : !CLINICAL_CUE.test(gap) && others <= MAX_OTHER_WORDS && (hasYear || d.start - from <= NEAR);
    if (!ok) continue;
    const [s, e] = trimSpan(text, d.start, d.start + d.text.length);
    if (e > s) out.push({ policy: "date_of_birth", start: s, end: e });
  }
  return out;
}
