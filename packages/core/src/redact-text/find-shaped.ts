import { trimSpan, type ScrubFinding } from "./finding.js";
import type { ScrubberPolicy } from "./scrub-policies.js";

// Every pattern here runs on untrusted text, so each is built to do bounded work per start position:
// fixed or bounded repetitions only, no nested quantifiers over overlapping classes. A whole scan is
// linear in the text's length (the adversarial tests in scrub-text.test.ts feed 200 kB inputs). A `#`
// counts as part of a word at the edges, so scrubbing scrubbed text finds nothing new.

/** North-American numbers with separators: 312-555-0147, (312) 555-0147, +1 312.555.0147, … x12. */
const NANP_PHONE =
  /(?<![\p{L}\p{N}#+/.-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?:[ \t]?(?:ext\.?|x)[ \t]?\d{1,5})?(?![\p{L}\p{N}#/]|[.-][\d#])/giu;

/** International numbers, which always start with `+` in writing: +44 20 7946 0958. */
const INTL_PHONE = /(?<![\p{L}\p{N}#+])\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?![\p{L}\p{N}#]|[.-][\d#])/gu;

/** US social security numbers in their written shape 123-45-6789 (other shapes need a label). */
const SSN = /(?<![\p{N}#-])\d{3}-\d{2}-\d{4}(?![\p{N}#]|-[\d#])/gu;

/** 13–19 digits, optionally grouped by single spaces or hyphens; kept only when the Luhn check passes. */
const CARD = /(?<![\p{N}#]|[\d#][ -])\d(?:[ -]?\d){12,18}(?![\p{N}#]|[ -][\d#])/gu;

/** IPv4 dotted quads with every octet in 0–255. */
const IPV4 = /(?<![\p{N}#.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\p{N}#]|\.[\d#])/gu;

/** IPv6 candidates (checked by {@link isIpv6}): hex groups joined by colons. */
const IPV6 = /(?<![\p{L}\p{N}#:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\p{L}\p{N}#:])/giu;

/** URLs with a scheme or `www.`, up to the next space or bracket (one character class: no backtracking). */
const URL_WITH_SCHEME = /(?<![\p{L}\p{N}_#])(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+/giu;

/** Bare domains with a common top-level domain, optionally with a path: portal.example.org/login. */
const BARE_DOMAIN =
  /(?<![\p{L}\p{N}#@.-])(?:[a-z0-9-]{1,63}\.){1,6}(?:com|org|net|gov|edu|io|us|info|health|care|biz)(?![\p{L}\p{N}#-])(?:\/[^\s<>"'()[\]{}]*)?/giu;

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;

function push(out: ScrubFinding[], text: string, policy: ScrubberPolicy, start: number, end: number): void {
  const [s, e] = trimSpan(text, start, end);
  if (e > s) out.push({ policy, start: s, end: e });
}

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    fn(m);
    if (m[0].length === 0) re.lastIndex++;
  }
}

function digitsOf(s: string): string {
  return s.replace(/\D/g, "");
}

/** The Luhn checksum of card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** A full (8 groups) or `::`-compressed IPv6 address with at least two non-empty groups and one hex letter or `::`. */
function isIpv6(s: string): boolean {
  const compressed = s.indexOf("::");
  if (compressed !== s.lastIndexOf("::")) return false;
  const groups = s.split(":");
  const filled = groups.filter((g) => g.length > 0);
  if (filled.length < 2) return false;
  if (compressed === -1) return groups.length === 8 && filled.length === 8;
  return filled.length <= 7;
}

/** Emails by walking out from each `@`: each character is looked at a bounded number of times. */
function findEmails(text: string, out: ScrubFinding[]): void {
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    let s = at;
    while (s > 0 && at - s < 64 && EMAIL_LOCAL.test(text.charAt(s - 1))) s--;
    let e = at + 1;
    while (e < text.length && e - at <= 255 && EMAIL_DOMAIN.test(text.charAt(e))) e++;
    while (e > at + 1 && (text.charAt(e - 1) === "." || text.charAt(e - 1) === "-")) e--;
    const domain = text.slice(at + 1, e);
    const tld = domain.slice(domain.lastIndexOf(".") + 1);
    if (s < at && domain.includes(".") && /^[A-Za-z]{2,24}$/.test(tld) && !domain.includes("..")) push(out, text, "email_address", s, e);
  }
}

/**
 * Identifiers recognisable by their shape alone (no label needed): phone numbers, emails, SSNs,
 * Luhn-valid card numbers, IPv4/IPv6 addresses and URLs, for the policies asked for.
 */
export function findShaped(text: string, policies: ReadonlySet<ScrubberPolicy>): ScrubFinding[] {
  const out: ScrubFinding[] = [];
  if (policies.has("phone_number")) {
    each(NANP_PHONE, text, (m) => push(out, text, "phone_number", m.index, m.index + m[0].length));
    each(INTL_PHONE, text, (m) => {
      const n = digitsOf(m[0]).length;
      if (n >= 8 && n <= 15) push(out, text, "phone_number", m.index, m.index + m[0].length);
    });
  }
  if (policies.has("us_social_security_number")) each(SSN, text, (m) => push(out, text, "us_social_security_number", m.index, m.index + m[0].length));
  if (policies.has("credit_card_number")) {
    each(CARD, text, (m) => {
      if (luhnValid(digitsOf(m[0]))) push(out, text, "credit_card_number", m.index, m.index + m[0].length);
    });
  }
  if (policies.has("ip_address")) {
    each(IPV4, text, (m) => push(out, text, "ip_address", m.index, m.index + m[0].length));
    each(IPV6, text, (m) => {
      if (isIpv6(m[0])) push(out, text, "ip_address", m.index, m.index + m[0].length);
    });
  }
  if (policies.has("email_address")) findEmails(text, out);
  if (policies.has("url")) {
    each(URL_WITH_SCHEME, text, (m) => push(out, text, "url", m.index, m.index + m[0].length));
    each(BARE_DOMAIN, text, (m) => push(out, text, "url", m.index, m.index + m[0].length));
  }
  return out;
}
