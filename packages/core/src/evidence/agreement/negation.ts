import { SENTENCE_END, type AgreementToken } from "./tokens.js";
import { isFindingStem } from "./finding-terms.js";
import { stem } from "./words.js";

/** How often a term (stemmed) is asserted and denied in a text, and where it first appears. */
export interface TermPolarity {
  affirmed: number;
  negated: number;
  /** Token index of the first occurrence (for messages). */
  first: number;
}

const CUES = new Set(["no", "not", "never", "without", "denies", "denied", "deny", "denying", "nor", "neither", "none", "nobody", "cannot"]);
const JOINED_NOT = new Set(["dont", "didnt", "doesnt", "havent", "hasnt", "hadnt", "isnt", "wasnt", "wont", "cant", "arent", "werent", "couldnt"]);
/** Two-word cues: "negative for", "free of", "absence of", "ruled out" is postfix and left out. */
const PAIR_CUES = new Map([
  ["negative", "for"],
  ["free", "of"],
  ["absence", "of"],
]);
/** A cue followed by one of these is not a negation of what follows ("not sure if", "no change in", "don't know"). */
const PSEUDO = new Set(
  ("sure certain only just necessarily too really quite change changes changed further problem problems matter doubt idea " +
    "big long longer know think remember recall mean want like worry").split(" "),
);
/** Words and marks that close a negation's scope. */
const SCOPE_END = new Set(["but", "however", "although", "though", "except", "yet", "whereas", "which", "who", "unless", "besides", "apart"]);
/** After a comma these start a new clause ("I don't smoke, I drink"), ending the scope. */
const CLAUSE_START = new Set(["i", "you", "he", "she", "we", "they", "it", "that", "this", "there", "so", "then", "and", "if", "when", "because"]);
/** Longest negation scope, in tokens after the cue (NegEx uses five words; lists in notes run longer). */
const SCOPE = 8;
/**
 * Openers of a question, for speech transcribed without "?" ("any other symptoms like a cough or
 * shortness of breath"): what follows asks, it asserts nothing. Each is `first second`.
 */
const QUESTION_OPENERS = new Set(
  ("do you|did you|have you|are you|were you|does it|did it|is it|is there|are there|has there|any other|anyone in|" +
    "anything like|how about|what about|can you|could you|you have any|you had any|you having any|you feel any").split("|"),
);
/** Tokens a question opener keeps neutral (not counted either way). */
const QUESTION_SCOPE = 10;

function opensQuestion(tokens: readonly AgreementToken[], i: number): boolean {
  const a = tokens[i]?.text ?? "";
  const b = tokens[i + 1]?.text ?? "";
  const c = tokens[i + 2]?.text ?? "";
  return QUESTION_OPENERS.has(`${a} ${b}`) || QUESTION_OPENERS.has(`${a} ${b} ${c}`);
}

function isCue(tokens: readonly AgreementToken[], i: number): boolean {
  const t = tokens[i];
  if (!t || t.kind !== "word") return false;
  const next = tokens[i + 1];
  // "No, …" answers the previous question; it negates nothing after it.
  if (t.text === "no" && (!next || next.kind === "symbol")) return false;
  if (next && PSEUDO.has(next.text)) return false;
  if (CUES.has(t.text) || JOINED_NOT.has(t.text) || t.text.endsWith("n't")) return true;
  const second = PAIR_CUES.get(t.text);
  return second !== undefined && next?.text === second;
}


/**
 * Counts, for every finding word of a text (symptoms, signs and habits, stemmed: see
 * `isFindingStem`), how often it is asserted and how often it is in a negation's scope. A negation cue ("no", "not", "denies", "without", "n't", "negative for",
 * "free of") negates up to eight following tokens, stopping at the end of the sentence, at "but",
 * "however", "except", "which"… and at a comma that starts a new clause. Pseudo-negations ("not sure",
 * "no change", "don't know") negate nothing. Questions are skipped: "any fever?" asserts nothing, and
 * neither do the ten tokens after an unpunctuated question opener ("do you have any fever").
 * One pass plus at most eight tokens per cue: linear.
 *
 * @example
 * ```ts
 * termPolarity(tokenize("Denies fever but reports cough.")).get("fever"); // { affirmed: 0, negated: 1, first: 1 }
 * ```
 */
export function termPolarity(tokens: readonly AgreementToken[]): Map<string, TermPolarity> {
  const out = new Map<string, TermPolarity>();
  let start = 0;
  while (start < tokens.length) {
    let end = start;
    while (end < tokens.length && !SENTENCE_END.has(tokens[end]?.text ?? "")) end++;
    const question = tokens[end]?.text === "?";
    if (!question) {
      let scopeLeft = 0;
      let askLeft = 0;
      for (let i = start; i < end; i++) {
        const t = tokens[i] as AgreementToken;
        if (SCOPE_END.has(t.text) || (t.text === "," && CLAUSE_START.has(tokens[i + 1]?.text ?? ""))) scopeLeft = 0;
        if (opensQuestion(tokens, i)) askLeft = QUESTION_SCOPE;
        if (isCue(tokens, i)) {
          scopeLeft = SCOPE + (PAIR_CUES.has(t.text) ? 1 : 0);
          if (askLeft > 0) askLeft--;
          continue;
        }
        const negated = scopeLeft > 0;
        const asked = askLeft > 0;
        if (scopeLeft > 0) scopeLeft--;
        if (askLeft > 0) askLeft--;
        if (t.kind !== "word" || asked) continue;
        const key = stem(t.text);
        if (!isFindingStem(key)) continue;
        const p = out.get(key) ?? { affirmed: 0, negated: 0, first: i };
        if (negated) p.negated++;
        else p.affirmed++;
        out.set(key, p);
      }
    }
    start = end + 1;
  }
  return out;
}

/** One term whose polarity differs: `statement` is how the statement uses it. */
export interface NegationDisagreement {
  term: string;
  /** Token index in the statement of the term's first occurrence. */
  at: number;
  statement: "denies" | "asserts";
}

/**
 * Terms the statement only denies and its quote only asserts, or the reverse. A term used both ways
 * on either side, or absent from the quote, is no disagreement.
 *
 * @example
 * ```ts
 * negationDisagreements(termPolarity(tokenize("Denies chest pain.")), termPolarity(tokenize("I have chest pain")));
 * // [{ term: "chest", statement: "denies", … }, { term: "pain", statement: "denies", … }]
 * ```
 */
export function negationDisagreements(statement: ReadonlyMap<string, TermPolarity>, quote: ReadonlyMap<string, TermPolarity>): NegationDisagreement[] {
  const out: NegationDisagreement[] = [];
  for (const [term, s] of statement) {
    const q = quote.get(term);
    if (!q) continue;
    if (s.negated > 0 && s.affirmed === 0 && q.affirmed > 0 && q.negated === 0) out.push({ term, at: s.first, statement: "denies" });
    else if (s.affirmed > 0 && s.negated === 0 && q.negated > 0 && q.affirmed === 0) out.push({ term, at: s.first, statement: "asserts" });
  }
  return out;
}
