import type { ScrubFinding } from "./finding.js";
import type { ScrubberPolicy } from "./scrub-policies.js";

// A number is an identifier when a label says so ("MRN 00482913", "my member ID is XJH-448213").
// The label is found first; then only a short window after it, on the same line, is looked at, so
// the work per label is bounded and the scan stays linear.

const NO = String.raw`(?:number|no\.?|num|#|id)`;

/** Labels, one named group per policy. Whole words ("account", not "accountant"), any case. */
const LABEL = new RegExp(
  `(?<![\\p{L}\\p{N}_#])(?:${[
    String.raw`(?<healthcare_number>\bmedical[ \t]+records?(?:[ \t]+${NO})?|\bmrn\b|\b(?:chart|record|patient|member|insurance|subscriber|group|beneficiary|nhs|health[ \t]+plan)[ \t]+${NO}|\bpolicy(?:holder)?[ \t]+${NO}|\binsurance[ \t]+card(?:[ \t]+${NO})?|\bmedicare\b(?:[ \t]+${NO})?|\bmedicaid\b(?:[ \t]+${NO})?)`,
    String.raw`(?<account_number>\baccount(?:[ \t]+${NO})?|\bacct\b\.?(?:[ \t]*${NO})?)`,
    String.raw`(?<drivers_license>\bdriver[’']?s?[’']?[ \t]+licen[cs]e(?:[ \t]+${NO})?|\bdl[ \t]+${NO})`,
    String.raw`(?<passport_number>\bpassport(?:[ \t]+${NO})?)`,
    String.raw`(?<us_social_security_number>\bsocial[ \t]+security(?:[ \t]+${NO})?|\bssn\b|\bsocial\b)`,
    String.raw`(?<credit_card_number>\b(?:credit|debit)[ \t]+card(?:[ \t]+${NO})?|\bcard[ \t]+${NO})`,
    String.raw`(?<phone_number>\b(?:phone|cell(?:phone)?|mobile|telephone|tel|fax|pager|home[ \t]+number|work[ \t]+number|call[ \t]+(?:me|us|him|her)[ \t]+(?:at|on)|reach[ \t]+(?:me|you|him|her|us)[ \t]+at|text[ \t]+me[ \t]+at)\b)`,
  ].join("|")})(?![\\p{L}\\p{N}])`,
  "giu",
);

const POLICIES: readonly ScrubberPolicy[] = [
  "healthcare_number",
  "account_number",
  "drivers_license",
  "passport_number",
  "us_social_security_number",
  "credit_card_number",
  "phone_number",
];

/** Words that may stand between a label and its value: "MRN is", "number: #", "it's". */
const FILLER: ReadonlySet<string> = new Set(["is", "was", "it's", "its", "that's", "thats", "number", "no", "no.", "num", "#", ":", "-", "=", "my", "his", "her", "your", "their", "the", "id", "it"]);

/** How far after a label its value may start (characters). */
const WINDOW = 48;

/** One id-like token: letters and digits, joined by single hyphens or dots ("XJH-448213", "A12.34"). */
const ID_TOKEN = /^[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*$/;
const DIGIT_GROUP = /^\d{1,6}$/;

interface Token {
  /** As written (a scrubbed `###` stays `###`). */
  raw: string;
  /** Without edge punctuation. */
  text: string;
  start: number;
  end: number;
}

function tokensAfter(text: string, from: number): Token[] {
  // The value is on the label's line, close to it: only a bounded slice is ever looked at.
  let slice = text.slice(from, Math.min(text.length, from + WINDOW + 32));
  const nl = slice.indexOf("\n");
  if (nl !== -1) slice = slice.slice(0, nl);
  const out: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    let t = m[0];
    let s = from + m.index;
    // Edge punctuation is not part of a value ("00482913." / "(448)" / "#A1234"); `###` (scrubbed) stays as it is.
    while (t.length > 0 && /^[("'“‘[]/.test(t)) {
      t = t.slice(1);
      s++;
    }
    if (/^[#:][^#:]/.test(t)) {
      t = t.slice(1);
      s++;
    }
    while (t.length > 0 && /[)"'”’\],.;:!?]$/.test(t) && !/^(?:no\.|#|:|-|=)$/i.test(t)) t = t.slice(0, -1);
    out.push({ raw: m[0], text: t, start: s, end: s + t.length });
  }
  return out;
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) n++;
  return n;
}

/** Whether a value (without spaces) fits what the label announces. */
function fits(policy: ScrubberPolicy, value: string): boolean {
  const digits = digitCount(value);
  const alnum = value.replace(/[^A-Za-z0-9]/g, "").length;
  switch (policy) {
    case "us_social_security_number":
      return digits === 9 && alnum === 9;
    case "credit_card_number":
      return digits >= 12 && digits <= 19 && alnum === digits;
    case "phone_number":
      return digits >= 7 && digits <= 11 && alnum === digits;
    default:
      // An id has at least 4 digits and 5 characters: a year ("medicare since 2015") or a dose is not one.
      return digits >= 4 && alnum >= 5 && alnum <= 24 && !/^\d+\.\d+$/.test(value);
  }
}

/** "is", "number:", "#": words between a label and its value. Punctuation alone (`-`, `#`) too, but not `###`. */
function isFiller(t: Token): boolean {
  return FILLER.has(t.raw.toLowerCase()) || (t.text !== "" && FILLER.has(t.text.toLowerCase())) || /^[:#=,.;?!-]{1,2}$/.test(t.raw);
}

/** The value right after a label (fillers skipped), or undefined. Digit groups split by spaces join ("448 2391"). */
function valueAfter(text: string, from: number, policy: ScrubberPolicy): [number, number] | undefined {
  const tokens = tokensAfter(text, from);
  let i = 0;
  let fillers = 0;
  while (i < tokens.length && fillers < 4 && isFiller(tokens[i] as Token)) {
    i++;
    fillers++;
  }
  const first = tokens[i];
  if (first === undefined || first.start - from > WINDOW || !ID_TOKEN.test(first.text)) return undefined;
  let end = first.end;
  let value = first.text;
  // "(312) 555 0147", "448 2391", "123 45 6789": following digit groups belong to the same value.
  for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
    const t = tokens[j] as Token;
    if (!/^\d/.test(value.slice(-1)) || !(DIGIT_GROUP.test(t.text) || /^\d{1,6}(?:-\d{1,6})+$/.test(t.text)) || t.start - end > 2) break;
    value += t.text;
    end = t.end;
  }
  return fits(policy, value) ? [first.start, end] : undefined;
}

/**
 * Numbers that a label right before them names as an identifier: medical record, member, insurance,
 * policy and Medicare numbers (`healthcare_number`), account, driver's licence, passport, social
 * security and card numbers, and phone numbers after "phone", "cell", "call me at"…
 */
export function findLabelled(text: string, policies: ReadonlySet<ScrubberPolicy>): ScrubFinding[] {
  const out: ScrubFinding[] = [];
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(text); m !== null; m = LABEL.exec(text)) {
    const groups = m.groups ?? {};
    const policy = POLICIES.find((p) => groups[p] !== undefined);
    if (policy === undefined || !policies.has(policy)) continue;
    const span = valueAfter(text, m.index + m[0].length, policy);
    if (span !== undefined) out.push({ policy, start: span[0], end: span[1] });
  }
  return out;
}
