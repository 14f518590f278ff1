import { ExprParser, type Expr } from "./docs-expr.js";
import type { SnippetLanguage, Token } from "./docs-tokens.js";

/**
 * Evaluates snippet expressions to JSON. A reference the snippet assigns earlier (a literal `data =
 * {...}`, `const headers = {...}`, `self.base_url = "..."`) is replaced by its value; any other
 * reference, and every name in `runtime` (values a snippet only has when it runs: ids, upload URLs,
 * a model picked from a menu), becomes the marker `⟦name⟧`, which the replay binds.
 */

/** Wraps the text of an unresolved reference. */
export const marker = (text: string): string => `⟦${text}⟧`;

/** Every marker in a JSON value (in strings and keys), deduplicated. */
export function markersIn(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string") for (const m of v.matchAll(/⟦([^⟧]+)⟧/g)) found.add(m[1] as string);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        walk(k);
        walk(x);
      }
    }
  };
  walk(value);
  return [...found];
}

/** One `name = expr` statement of a snippet, at token index `at`. */
export interface Assignment {
  name: string;
  at: number;
  expr: Expr;
}

const DECLARATIONS = new Set(["const", "let", "var"]);

/** The assignments of a snippet whose right-hand side this parser reads, in order. */
export function assignmentsOf(tokens: Token[], lang: SnippetLanguage): Assignment[] {
  const out: Assignment[] = [];
  let depth = 0; // of ( and [: a `name = value` inside them is a keyword argument, not an assignment
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i] as Token;
    if (first.t === "punct" && (first.value === "(" || first.value === "[")) depth++;
    if (first.t === "punct" && (first.value === ")" || first.value === "]")) depth = Math.max(0, depth - 1);
    if (depth > 0 || !first.nl || first.t !== "id") continue;
    if (lang === "python" && first.value === "for" && tokens[i + 1]?.t === "id" && tokens[i + 2]?.value === "in") {
      // `for q in questions:` is read as its first iteration: `q = questions[0]`.
      try {
        const list = new ExprParser(tokens, lang, i + 3).parse();
        if (list.k === "ref") out.push({ name: String(tokens[i + 1]?.value), at: i, expr: { k: "ref", text: `${list.text}[0]` } });
      } catch {
        // not a list this parser reads: the loop variable stays unresolved
      }
      continue;
    }
    let j = DECLARATIONS.has(first.value) ? i + 1 : i;
    const nameTok = tokens[j];
    if (nameTok?.t !== "id") continue;
    let name = nameTok.value;
    j++;
    while (tokens[j]?.value === "." && tokens[j + 1]?.t === "id") {
      name += `.${String(tokens[j + 1]?.value)}`;
      j += 2;
    }
    if (tokens[j]?.value === ":" && tokens[j + 1]?.t === "id") j += 2; // a type annotation: `params: TranscribeParams =`
    if (tokens[j]?.value !== "=") continue;
    try {
      const parser = new ExprParser(tokens, lang, j + 1);
      out.push({ name, at: i, expr: parser.parse() });
    } catch {
      // not a literal this parser reads (a lambda, a comprehension): the name stays unresolved
    }
  }
  return out;
}

/**
 * Resolves references against a snippet's assignments, as of a token index, then against the earlier
 * snippets of the page in the same language (`parent`: the page builds on its Quickstart).
 */
export class SnippetScope {
  constructor(
    private readonly assignments: Assignment[],
    private readonly runtime: ReadonlySet<string>,
    private readonly parent?: SnippetScope,
  ) {}

  /** The value of `text` at the end of this snippet or an earlier one, or undefined when none assigns it. */
  lookup(text: string, depth = 0): unknown {
    const own = this.assignmentOf(text, Number.POSITIVE_INFINITY);
    return own ? this.valueOf(text, own, depth) : this.parent?.lookup(text, depth);
  }

  private valueOf(text: string, own: Assignment, depth: number): unknown {
    // A value the snippet only has when it runs (`upload_url = response.json()["upload_url"]`) is named by its variable.
    const value = this.evaluate(own.expr, own.at, depth + 1);
    return typeof value === "string" && /^⟦[^⟧]+⟧$/.test(value) ? marker(text) : value;
  }

  /** The assignment that gives `name` its value at token `at` (the last one before it). */
  assignmentOf(name: string, at: number): Assignment | undefined {
    let found: Assignment | undefined;
    for (const a of this.assignments) if (a.name === name && a.at < at) found = a;
    return found;
  }

  evaluate(e: Expr, at: number, depth = 0): unknown {
    if (depth > 30) return marker("…");
    const ev = (x: Expr) => this.evaluate(x, at, depth + 1);
    switch (e.k) {
      case "lit":
        return e.v;
      case "arr":
        return e.items.map(ev);
      case "obj": {
        const out: Record<string, unknown> = {};
        for (const s of e.spreads) Object.assign(out, ev(s));
        for (const [key, value] of e.entries) out[key] = ev(value);
        return out;
      }
      case "tpl":
        return e.parts.map((p) => (typeof p === "string" ? p : this.inline(ev(p), p))).join("");
      case "add": {
        const l = ev(e.l);
        const r = ev(e.r);
        if (typeof l === "number" && typeof r === "number") return l + r;
        if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
        return this.inline(l, e.l) + this.inline(r, e.r);
      }
      case "ref":
        return this.resolve(e.text, at, depth);
      case "call":
        if (e.callee === "JSON.stringify" && e.args[0]) return ev(e.args[0]); // fetch's body: the object sent
        if ((e.callee === "json.dumps" || e.callee === "JSON.stringify") && e.args[0]) return JSON.stringify(ev(e.args[0]));
        return marker(e.text);
    }
  }

  /** A value as it appears inside a string. */
  private inline(v: unknown, source: Expr): string {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return marker(source.k === "ref" || source.k === "call" ? source.text : "…");
  }

  private resolve(text: string, at: number, depth: number): unknown {
    const base = /^[\w$]+/.exec(text)?.[0] ?? text;
    if (this.runtime.has(base) || this.runtime.has(text)) return marker(text);
    const own = this.assignmentOf(text, at);
    if (own) return this.valueOf(text, own, depth);
    const earlier = this.parent?.lookup(text, depth + 1);
    if (earlier !== undefined) return earlier;
    // `a['b']`, `a[0]`, `a.b`: the value of `a`, indexed.
    const m = /^(.*?)(?:\['([^']*)'\]|\[(\d+)\]|\.([\w$]+))$/.exec(text);
    if (m?.[1]) {
      const parent = this.resolve(m[1], at, depth + 1);
      const key = m[2] ?? m[3] ?? m[4] ?? "";
      if (parent && typeof parent === "object" && key in parent) return (parent as Record<string, unknown>)[key];
    }
    return marker(text);
  }
}
