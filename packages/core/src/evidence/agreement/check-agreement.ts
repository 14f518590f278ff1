import { isRedactedWord, splitWords } from "../../internal/text/normalize.js";
import { lateralityDisagreement, sidesOf, type Side } from "./laterality.js";
import { medicationsIn, missingMedications } from "./medications.js";
import { negationDisagreements, termPolarity, type NegationDisagreement, type TermPolarity } from "./negation.js";
import { numberDisagreements } from "./number-rule.js";
import { extractQuantities, numberValues, type Quantity } from "./quantities.js";
import { tokenize, type AgreementToken } from "./tokens.js";

/** The warning codes of the agreement rules (a subset of `NOTE_WARNING_CODES`). */
export type AgreementCode = "quote_number_mismatch" | "quote_laterality_mismatch" | "quote_negation_mismatch" | "quote_medication_missing";

/** One disagreement between a statement and its quotes, with a message naming the values. */
export interface AgreementFinding {
  code: AgreementCode;
  message: string;
}

/** What the quotes of one statement say, read once. */
interface QuoteFacts {
  quantities: Quantity[];
  values: Set<number>;
  sides: Set<Side>;
  polarity: Map<string, TermPolarity>;
  medications: Map<string, string>;
  redacted: boolean;
}

function readQuotes(quotes: readonly string[]): QuoteFacts {
  const facts: QuoteFacts = { quantities: [], values: new Set(), sides: new Set(), polarity: new Map(), medications: new Map(), redacted: false };
  for (const quote of quotes) {
    // Each quote alone: a sentence boundary or a negation scope never runs from one into the next.
    const tokens = tokenize(quote);
    for (const q of extractQuantities(tokens)) facts.quantities.push(q);
    for (const v of numberValues(tokens)) facts.values.add(v);
    for (const s of sidesOf(tokens)) facts.sides.add(s);
    for (const [term, p] of termPolarity(tokens)) {
      const seen = facts.polarity.get(term);
      facts.polarity.set(term, seen ? { affirmed: seen.affirmed + p.affirmed, negated: seen.negated + p.negated, first: seen.first } : p);
    }
    for (const [canonical, written] of medicationsIn(tokens)) if (!facts.medications.has(canonical)) facts.medications.set(canonical, written);
    if (!facts.redacted && splitWords(quote).some(isRedactedWord)) facts.redacted = true;
  }
  return facts;
}

const list = (items: readonly string[]): string => [...new Set(items)].join(" and ");

/** Adjacent flagged words of the statement, as phrases: "chest pain" rather than "chest", "pain". */
function phrases(tokens: readonly AgreementToken[], found: readonly NegationDisagreement[], kind: NegationDisagreement["statement"]): string[] {
  const at = found.filter((f) => f.statement === kind).map((f) => f.at).sort((a, b) => a - b);
  const out: string[] = [];
  let run: string[] = [];
  at.forEach((i, k) => {
    if (k > 0 && i !== (at[k - 1] as number) + 1) {
      out.push(run.join(" "));
      run = [];
    }
    run.push(tokens[i]?.text ?? "");
  });
  if (run.length > 0) out.push(run.join(" "));
  return out.map((p) => `"${p}"`);
}

/**
 * Checks, without a model, that a statement says what its quotes say: numbers with their units
 * (doses, vitals, durations, ages; number words, ranges and unit spellings normalised), laterality
 * (left / right / bilateral), negation (the quote denies what the statement asserts, or the
 * reverse) and medication names (each one the statement names must be in a quote). A quote that
 * says nothing comparable is not a disagreement. Pure and deterministic; linear in the text size
 * except the quantity comparison, which is bounded by `MAX_AGREEMENT_TOKENS`.
 *
 * @param statement the statement's text
 * @param quotes the statement's quotes (pass only the ones found in the transcript)
 * @example
 * ```ts
 * checkAgreement("Start lisinopril 50 mg daily.", ["let's start lisinopril fifteen milligrams a day"]);
 * // [{ code: "quote_number_mismatch", message: "statement says 50 mg, its quote says 15 mg" }]
 * ```
 */
export function checkAgreement(statement: string, quotes: readonly string[]): AgreementFinding[] {
  if (quotes.length === 0) return [];
  const tokens = tokenize(statement);
  const quote = readQuotes(quotes);
  const out: AgreementFinding[] = [];

  const numbers = numberDisagreements(extractQuantities(tokens), quote.quantities, quote.values);
  if (numbers.length > 0) {
    const parts = numbers.map((d) => `statement says ${d.statement.display}, its quote says ${list(d.quote.map((q) => q.display))}`);
    out.push({ code: "quote_number_mismatch", message: parts.join("; ") });
  }

  const sides = lateralityDisagreement(sidesOf(tokens), quote.sides);
  if (sides) {
    out.push({ code: "quote_laterality_mismatch", message: `statement says ${list(sides.statement)}, its quote says ${list(sides.quote)}` });
  }

  const negations = negationDisagreements(termPolarity(tokens), quote.polarity);
  if (negations.length > 0) {
    const parts: string[] = [];
    const denied = phrases(tokens, negations, "denies");
    if (denied.length > 0) parts.push(`statement denies ${list(denied)}, its quote asserts ${denied.length === 1 ? "it" : "them"}`);
    const asserted = phrases(tokens, negations, "asserts");
    if (asserted.length > 0) parts.push(`statement asserts ${list(asserted)}, its quote denies ${asserted.length === 1 ? "it" : "them"}`);
    out.push({ code: "quote_negation_mismatch", message: parts.join("; ") });
  }

  // A redacted quote may hide the name (AssemblyAI's `drug` policy): no claim either way.
  if (!quote.redacted) {
    const missing = missingMedications(medicationsIn(tokens), quote.medications);
    if (missing.length > 0) out.push({ code: "quote_medication_missing", message: `statement names ${list(missing)}, its quote does not` });
  }
  return out;
}
