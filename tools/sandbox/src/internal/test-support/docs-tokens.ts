/**
 * A permissive tokenizer for the code blocks of the docs pages (Python and JavaScript snippets): enough
 * to find request calls, assignments and the literals they use, never to run the code. Anything it
 * does not know becomes a one-character punctuation token, so it never fails on a snippet.
 */

/** A language whose snippets the docs replay reads. */
export type SnippetLanguage = "python" | "javascript";

/** A part of a formatted string: literal text, or the source of an interpolated expression. */
export type TemplatePart = { text: string } | { expr: string };

export type Token =
  | { t: "str"; value: string; parts?: TemplatePart[]; pos: number; nl: boolean }
  | { t: "num"; value: number; pos: number; nl: boolean }
  | { t: "id"; value: string; pos: number; nl: boolean }
  | { t: "punct"; value: string; pos: number; nl: boolean };

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", b: "\b", f: "\f", v: "\v" };

/** Reads an escape after a backslash at `i` (pointing at the backslash); returns [text, next index]. */
function escape(src: string, i: number): [string, number] {
  const c = src[i + 1] ?? "";
  if (c === "u" && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) return [String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)), i + 6];
  if (c === "\n") return ["", i + 2];
  return [ESCAPES[c] ?? c, i + 2];
}

/** The end (exclusive) of an interpolation that starts after its opening brace at `i`. */
function interpolationEnd(src: string, i: number): number {
  let depth = 1;
  let quote: string | null = null;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (quote) {
      if (c === "\\") j++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return j;
  }
  return src.length;
}

/** Python's `{expr!r:>10}`: the expression without its conversion and format spec. */
function fieldExpr(raw: string): string {
  let depth = 0;
  let quote: string | null = null;
  for (let j = 0; j < raw.length; j++) {
    const c = raw[j] as string;
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (depth === 0 && (c === ":" || (c === "!" && raw[j + 1] !== "="))) return raw.slice(0, j).trim();
  }
  return raw.trim();
}

interface StringRead {
  value: string;
  parts?: TemplatePart[];
  end: number;
}

/** Reads a Python or JavaScript string literal whose opening quote is at `i`. */
function readString(src: string, i: number, flags: { raw: boolean; formatted: boolean; template: boolean }): StringRead {
  const q = src[i] as string;
  const triple = q !== "`" && src.slice(i, i + 3) === q.repeat(3);
  const close = triple ? q.repeat(3) : q;
  let j = i + close.length;
  const parts: TemplatePart[] = [];
  let text = "";
  const flush = () => {
    if (text) parts.push({ text });
    text = "";
  };
  while (j < src.length && src.slice(j, j + close.length) !== close) {
    const c = src[j] as string;
    if (c === "\\" && !flags.raw) {
      const [s, next] = escape(src, j);
      text += s;
      j = next;
    } else if (flags.formatted && c === "{" && src[j + 1] === "{") {
      text += "{";
      j += 2;
    } else if (flags.formatted && c === "}" && src[j + 1] === "}") {
      text += "}";
      j += 2;
    } else if ((flags.formatted && c === "{") || (flags.template && c === "$" && src[j + 1] === "{")) {
      const start = j + (c === "$" ? 2 : 1);
      const end = interpolationEnd(src, start);
      flush();
      const raw = src.slice(start, end);
      parts.push({ expr: flags.formatted ? fieldExpr(raw) : raw.trim() });
      j = end + 1;
    } else if (!triple && !flags.template && c === "\n") {
      break; // an unterminated one-line string: stop at the end of the line
    } else {
      text += c;
      j++;
    }
  }
  flush();
  const value = parts.map((p) => ("text" in p ? p.text : "")).join("");
  const interpolated = parts.some((p) => "expr" in p);
  return { value, ...(interpolated ? { parts } : {}), end: Math.min(src.length, j + close.length) };
}

/** Tokens of a snippet; comments are dropped, `nl` marks the first token of a line. */
export function tokenize(src: string, lang: SnippetLanguage): Token[] {
  const out: Token[] = [];
  let i = 0;
  let nl = true;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\n") {
      nl = true;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ((lang === "python" && c === "#") || (lang === "javascript" && src.startsWith("//", i))) {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (lang === "javascript" && src.startsWith("/*", i)) {
      const end = src.indexOf("*/", i + 2);
      i = end === -1 ? src.length : end + 2;
      continue;
    }
    const prefix = lang === "python" ? /^([rRbBuUfF]{1,2})?(["'])/.exec(src.slice(i, i + 3)) : null;
    if (prefix || c === '"' || c === "'" || c === "`") {
      const p = (prefix?.[1] ?? "").toLowerCase();
      const at = i + p.length;
      const read = readString(src, at, { raw: p.includes("r"), formatted: p.includes("f"), template: c === "`" });
      out.push({ t: "str", value: read.value, ...(read.parts ? { parts: read.parts } : {}), pos: i, nl });
      i = read.end;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const m = /^[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: "num", value: Number(m[0].replace(/_/g, "")), pos: i, nl });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: "id", value: m[0], pos: i, nl });
      i += m[0].length;
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      const value = three === "..." || three === "===" || three === "!==" ? three : ["==", "!=", "=>", "**", "->", "<=", ">="].includes(two) ? two : c;
      out.push({ t: "punct", value, pos: i, nl });
      i += value.length;
    }
    nl = false;
  }
  return out;
}
