import { tokenize, type SnippetLanguage, type TemplatePart, type Token } from "./docs-tokens.js";

/**
 * Expressions of the docs' Python and JavaScript snippets, parsed far enough to rebuild the JSON a
 * request sends: literals, dicts/objects, lists, f-strings and template literals, `+` on strings, and
 * references to variables (resolved later, or left as markers for the replay to bind).
 */
export type Expr =
  | { k: "lit"; v: unknown }
  | { k: "obj"; entries: [string, Expr][]; spreads: Expr[] }
  | { k: "arr"; items: Expr[] }
  | { k: "tpl"; parts: (string | Expr)[] }
  | { k: "add"; l: Expr; r: Expr }
  | { k: "ref"; text: string }
  | { k: "call"; callee: string; text: string; args: Expr[]; kwargs: Record<string, Expr> };

/** Thrown when a snippet is outside the subset this parser reads. */
export class SnippetSyntaxError extends Error {
  override readonly name = "SnippetSyntaxError";
}

const LITERALS: Record<string, unknown> = { True: true, False: false, None: null, true: true, false: false, null: null, undefined: null };

/** The source text of an expression, canonical enough to name it (`a['b']`, `f(x)`). */
function textOf(e: Expr): string {
  switch (e.k) {
    case "ref":
      return e.text;
    case "call":
      return e.text;
    case "lit":
      return JSON.stringify(e.v);
    default:
      return `<${e.k}>`;
  }
}

/** A recursive-descent parser over tokens, starting at a token index. */
export class ExprParser {
  i: number;
  private depth = 0;

  constructor(
    readonly tokens: Token[],
    readonly lang: SnippetLanguage,
    start = 0,
  ) {
    this.i = start;
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private is(value: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok !== undefined && (tok.t === "punct" || tok.t === "id") && tok.value === value;
  }

  private expect(value: string): void {
    if (!this.is(value)) throw new SnippetSyntaxError(`expected "${value}" at token ${this.i}`);
    this.i++;
  }

  /** True when the next token may continue the current expression (Python ends a statement at a newline outside brackets). */
  private continues(): boolean {
    const tok = this.peek();
    return tok !== undefined && (this.depth > 0 || !tok.nl || this.lang === "javascript");
  }

  parse(): Expr {
    let e = this.unary();
    while (this.continues() && this.is("+")) {
      this.i++;
      e = { k: "add", l: e, r: this.unary() };
    }
    return e;
  }

  private unary(): Expr {
    while (this.is("await") || this.is("new")) this.i++;
    if (this.is("-") && this.peek(1)?.t === "num") {
      this.i++;
      return { k: "lit", v: -(this.next() as { value: number }).value };
    }
    return this.postfix(this.primary());
  }

  private next(): Token {
    const tok = this.peek();
    if (!tok) throw new SnippetSyntaxError("unexpected end of snippet");
    this.i++;
    return tok;
  }

  private primary(): Expr {
    const tok = this.next();
    if (tok.t === "num") return { k: "lit", v: tok.value };
    if (tok.t === "str") {
      let e = this.stringExpr(tok);
      // Python joins adjacent string literals ("a" "b"), also across lines inside brackets.
      while (this.lang === "python" && this.peek()?.t === "str" && this.continues()) e = { k: "add", l: e, r: this.stringExpr(this.next() as Token & { t: "str" }) };
      return e;
    }
    if (tok.t === "id") return tok.value in LITERALS ? { k: "lit", v: LITERALS[tok.value] } : { k: "ref", text: tok.value };
    if (tok.value === "{") return this.bracketed(() => this.object());
    if (tok.value === "[") return this.bracketed(() => ({ k: "arr", items: this.list("]") }));
    if (tok.value === "(") {
      return this.bracketed(() => {
        const items = this.list(")");
        if (items.length !== 1) return { k: "arr", items }; // a tuple
        return items[0] as Expr;
      });
    }
    throw new SnippetSyntaxError(`unexpected "${tok.value}" at position ${tok.pos}`);
  }

  private bracketed<T>(read: () => T): T {
    this.depth++;
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  private stringExpr(tok: Token & { t: "str" }): Expr {
    if (!tok.parts) return { k: "lit", v: tok.value };
    return { k: "tpl", parts: tok.parts.map((p: TemplatePart) => ("text" in p ? p.text : parseSnippetExpr(p.expr, this.lang))) };
  }

  /** Items up to `close`, comma-separated, trailing comma allowed. */
  private list(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.is(close)) {
      items.push(this.parse());
      if (this.is("for")) throw new SnippetSyntaxError("comprehensions are not read");
      if (!this.is(",")) break;
      this.i++;
    }
    this.expect(close);
    return items;
  }

  private object(): Expr {
    const entries: [string, Expr][] = [];
    const spreads: Expr[] = [];
    while (!this.is("}")) {
      if (this.is("...") || this.is("*")) {
        this.i += this.is("*") && this.is("*", 1) ? 2 : 1;
        spreads.push(this.parse());
      } else {
        const keyTok = this.next();
        if (keyTok.t !== "str" && keyTok.t !== "id" && keyTok.t !== "num") throw new SnippetSyntaxError(`unexpected key "${keyTok.value}"`);
        const key = String(keyTok.value);
        if (this.lang === "javascript" && keyTok.t === "id" && (this.is(",") || this.is("}"))) {
          entries.push([key, { k: "ref", text: key }]); // shorthand { headers }
        } else {
          this.expect(":");
          entries.push([key, this.parse()]);
        }
      }
      if (!this.is(",")) break;
      this.i++;
    }
    this.expect("}");
    return { k: "obj", entries, spreads };
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      if (!this.continues()) return e;
      if (this.is(".") || (this.is("?") && this.is(".", 1))) {
        this.i += this.is("?") ? 2 : 1;
        const name = this.next();
        e = { k: "ref", text: `${textOf(e)}.${String(name.value)}` };
      } else if (this.is("[")) {
        this.i++;
        const index = this.bracketed(() => this.parse());
        this.expect("]");
        const key = index.k === "lit" ? (typeof index.v === "number" ? `[${index.v}]` : `['${String(index.v)}']`) : `[${textOf(index)}]`;
        e = { k: "ref", text: `${textOf(e)}${key}` };
      } else if (this.is("(")) {
        this.i++;
        const { args, kwargs } = this.bracketed(() => this.callArgs());
        const callee = textOf(e);
        e = { k: "call", callee, text: `${callee}(${args.map(textOf).join(", ")})`, args, kwargs };
      } else {
        return e;
      }
    }
  }

  /** Positional and keyword (`name=value`) arguments up to ")". */
  callArgs(): { args: Expr[]; kwargs: Record<string, Expr> } {
    const args: Expr[] = [];
    const kwargs: Record<string, Expr> = {};
    while (!this.is(")")) {
      const tok = this.peek();
      if (tok?.t === "id" && this.is("=", 1)) {
        this.i += 2;
        kwargs[tok.value] = this.parse();
      } else {
        args.push(this.parse());
      }
      if (!this.is(",")) break;
      this.i++;
    }
    this.expect(")");
    return { args, kwargs };
  }
}

/** Parses one expression from source text (an f-string field, a template literal's `${...}`). */
export function parseSnippetExpr(src: string, lang: SnippetLanguage): Expr {
  try {
    const parser = new ExprParser(tokenize(src, lang), lang);
    const e = parser.parse();
    return parser.peek() === undefined ? e : { k: "ref", text: src.trim() };
  } catch {
    return { k: "ref", text: src.trim() };
  }
}
