import { classifyHeading } from "./headings.js";

/** A statement cut from section text, with the quotes it cites. */
export interface SplitStatement {
  /** The statement without bracketed quote annotations (`[exact quote]`); inline "…" quotes stay. */
  text: string;
  /** Quotes found in `"…"`, `“…”` or `[…]` form, in order. */
  quotes: string[];
}

const LIST_ITEM = /^\s*(?:[-*+\u2022]|\d{1,3}[.)])\s+/;
const ABBREVIATIONS = /\b(dr|mr|mrs|ms|st|vs|etc|approx|no|e\.g|i\.e|fig|jr|sr|p\.o|b\.i\.d|t\.i\.d|q\.d)\.$/i;
const REDACTION_TAG = /^[A-Z][A-Z0-9_]*$/;
const PLACEHOLDER = /^(an? )?exact quote\b/i;
const BARE_HEADING = /^[A-Z][A-Z0-9 ,/&()'-]{1,60}:?$/;

/** Sentence boundaries outside quotes: ., ! or ? followed by space and an upper-case letter, digit or quote. */
function sentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  let inStraight = false;
  let curly = 0;
  let bracket = 0;
  for (let i = 0; i < paragraph.length; i++) {
    const c = paragraph[i] as string;
    if (c === '"') inStraight = !inStraight;
    else if (c === "\u201c") curly++;
    else if (c === "\u201d") curly = Math.max(0, curly - 1);
    else if (c === "[") bracket++;
    else if (c === "]") bracket = Math.max(0, bracket - 1);
    else if ((c === "." || c === "!" || c === "?") && !inStraight && curly === 0 && bracket === 0) {
      const next = paragraph.slice(i + 1, i + 3);
      if (!/^\s[A-Z0-9"\u201c[]/.test(next)) continue;
      if (c === "." && ABBREVIATIONS.test(paragraph.slice(Math.max(0, i - 6), i + 1))) continue;
      out.push(paragraph.slice(start, i + 1));
      start = i + 1;
    }
  }
  out.push(paragraph.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

const CLOSERS: Record<string, string> = { '"': '"', "\u201c": "\u201d", "[": "]" };

/**
 * Finds the quote spans of a statement in one linear pass: an opener (`"`, `“`, `[`) pairs with the
 * next closer on the same line when at least 2 characters lie between (a `[…]` followed by `(` is a
 * markdown link, not a quote). The next closer and next newline are cached, so hostile input stays
 * O(n).
 */
function quoteSpans(s: string): { start: number; end: number; kind: string }[] {
  const spans: { start: number; end: number; kind: string }[] = [];
  const next: Record<string, number> = {};
  const nextOf = (ch: string, from: number): number => {
    const cached = next[ch];
    if (cached !== undefined && (cached >= from || cached === -1)) return cached;
    const found = s.indexOf(ch, from);
    next[ch] = found;
    return found;
  };
  let i = 0;
  while (i < s.length) {
    const open = s[i] as string;
    const close = CLOSERS[open];
    if (close === undefined) {
      i++;
      continue;
    }
    const j = nextOf(close, i + 1);
    const newline = nextOf("\n", i + 1);
    const valid = j !== -1 && j - i - 1 >= 2 && (newline === -1 || newline > j) && !(open === "[" && s[j + 1] === "(");
    if (!valid) {
      i++;
      continue;
    }
    spans.push({ start: i, end: j + 1, kind: open });
    i = j + 1;
  }
  return spans;
}

/** Extracts quotes from one statement and removes bracketed annotations from its text. */
export function extractQuotes(statement: string): SplitStatement {
  const quotes: string[] = [];
  let text = "";
  let at = 0;
  for (const span of quoteSpans(statement)) {
    const quote = statement.slice(span.start + 1, span.end - 1).trim();
    if (span.kind === "[") {
      if (REDACTION_TAG.test(quote) || PLACEHOLDER.test(quote) || !/\s/.test(quote)) continue;
      quotes.push(quote);
      text += statement.slice(at, span.start);
      at = span.end;
      continue;
    }
    if (quote.length > 0) quotes.push(quote);
  }
  text += statement.slice(at);
  const cleaned = text
    .replace(/\s+([,.;:])/g, "$1")
    .replace(/[,;:]\s*$/, "")
    .replace(/,\s*([.])/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
  return { text: cleaned, quotes };
}

/**
 * Splits section text into statements: each list item (`-`, `*`, `•`, `1.`) is one statement;
 * paragraphs are cut into sentences. Lines that are headings (clinician sub-headings, bare
 * upper-case titles) are not statements.
 *
 * @example
 * ```ts
 * splitStatements('Knee pain for 2 weeks, [it hurts when I climb stairs]. No swelling.');
 * // [{ text: "Knee pain for 2 weeks.", quotes: ["it hurts when I climb stairs"] }, { text: "No swelling.", quotes: [] }]
 * ```
 */
export function splitStatements(text: string): SplitStatement[] {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    // No spread: a paragraph can hold more sentences than the call stack has room for arguments.
    if (paragraph.length > 0) for (const s of sentences(paragraph.join(" "))) blocks.push(s);
    paragraph = [];
  };
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (line.length === 0 || /^(```|~~~)/.test(line)) {
      flush();
      continue;
    }
    const heading = classifyHeading(line);
    if (heading !== null || BARE_HEADING.test(line)) {
      flush();
      const inline = heading ? line.slice(heading.inlineStart).trim() : "";
      if (inline.length > 0) paragraph.push(inline);
      continue;
    }
    if (LIST_ITEM.test(raw)) {
      flush();
      blocks.push(line.replace(LIST_ITEM, "").trim());
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return blocks.map(extractQuotes).filter((s) => s.text.length > 0 || s.quotes.length > 0);
}
