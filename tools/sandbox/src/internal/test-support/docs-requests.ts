import { readdirSync, readFileSync } from "node:fs";
import { codeBlocks, type CodeBlock } from "./docs-blocks.js";
import { curlCommands } from "./docs-curl.js";
import { assignmentsOf, SnippetScope, type Assignment } from "./docs-eval.js";
import { ExprParser, type Expr } from "./docs-expr.js";
import { tokenize, type SnippetLanguage, type Token } from "./docs-tokens.js";

/**
 * The request examples of the docs pages, extracted for replay: every curl command, every raw HTTP
 * call of a Python (`requests`) or JavaScript (`fetch`, `axios`) snippet with the JSON it sends, every
 * request body a snippet shows without its call ("building on the Quickstart above"), every JSON
 * request body, and every documented error response. SDK snippets, streaming code and blocks the page
 * comments out are listed as skipped, with the reason.
 */

/** One request of a docs page, as the snippet writes it (unresolved values are `⟦name⟧` markers). */
export interface DocRequest {
  file: string;
  /** 1-based line of the call (or of the body) in the page. */
  line: number;
  via: "curl" | "python" | "javascript" | "json";
  method: string;
  url: string;
  /** The JSON body. */
  body?: unknown;
  /** The body is a local file's bytes (`data=f`, `--data-binary @file`, an upload). */
  upload?: true;
  /** The `Authorization` value the snippet sends, as written. */
  authorization?: unknown;
  /** The page shows the body but not the call; the endpoint follows from the body's fields. */
  implied?: true;
}

/** A documented error: a JSON error body with its HTTP status, or a transcript that ended in status "error" (`status: null`). */
export interface DocErrorExample {
  file: string;
  line: number;
  status: number | null;
  body: unknown;
}

/** A code block that is not replayed, and why. */
export interface DocSkip {
  file: string;
  line: number;
  reason: string;
}

/** Everything read from one page. */
export interface DocPage {
  file: string;
  requests: DocRequest[];
  errors: DocErrorExample[];
  skipped: DocSkip[];
  /** Blocks that are neither requests nor error examples (responses, output, helpers), by line. */
  other: number[];
  /** Blocks that name an endpoint but yielded no request: the extractor needs teaching (the test fails on these). */
  unread: number[];
}

/** Options of the extraction. */
export interface ExtractOptions {
  /** Names whose values exist only at run time (ids, URLs from responses, user choices): always left as markers. */
  runtime: ReadonlySet<string>;
}

export const SKIP_REASONS = {
  commented: "commented out in the page source ({/* */}): not shown to readers",
  sdk: "SDK snippet: the AssemblyAI SDK builds the request from its own config objects (TranscriptionConfig, transcribe params), so there is no HTTP request written out to replay",
  streaming: "streaming (WebSocket) code: the streaming API is not part of this replay (docs under streaming/ are out of scope)",
} as const;

const SDK = /\bimport assemblyai\b|\baai\.|new AssemblyAI\(|\bclient\.(transcripts|speechUnderstanding)\./;
const SDK_CALL = /\.(transcribe|submit|get_by_id|delete_by_id|understand|redactedAudio|redactedAudioFile|get|delete)\(|TranscriptionConfig\(/;
const STREAMING = /wss:\/\/|websocket/i;
const ENDPOINT = /\/v[12]\/|llm-gateway\.|api(\.eu)?\.assemblyai\.com/;
const LANGS: Record<string, SnippetLanguage> = { python: "python", py: "python", javascript: "javascript", js: "javascript", typescript: "javascript", ts: "javascript" };

const US_API = "https://api.assemblyai.com";
const US_GATEWAY = "https://llm-gateway.assemblyai.com";

/** The endpoint a body shown without its call goes to, from its fields (or null: not a request body). */
export function impliedEndpoint(body: unknown): string | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const keys = Object.keys(body);
  if (keys.includes("audio_url") && !keys.includes("status") && !keys.includes("id")) return `${US_API}/v2/transcript`;
  if (keys.includes("transcript_id") && keys.includes("speech_understanding")) return `${US_GATEWAY}/v1/understanding`;
  if (keys.includes("model") && (keys.includes("messages") || keys.includes("prompt"))) return `${US_GATEWAY}/v1/chat/completions`;
  return null;
}

const authorizationOf = (headers: unknown): unknown => {
  if (!headers || typeof headers !== "object") return undefined;
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === "authorization");
  return entry?.[1];
};

interface Call {
  at: number;
  method: string;
  url: Expr;
  body?: Expr;
  upload: boolean;
  headers?: Expr;
  options?: Expr;
}

const METHODS = new Set(["get", "post", "put", "delete", "patch"]);

/** The raw HTTP calls of a snippet: `requests.<method>(...)`, `fetch(...)`, `axios.<method>(...)`. */
function callsOf(tokens: Token[], lang: SnippetLanguage): Call[] {
  const out: Call[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    if (tok.t !== "id") continue;
    const dotted = tokens[i + 1]?.value === "." && tokens[i + 2]?.t === "id" && METHODS.has(String(tokens[i + 2]?.value)) && tokens[i + 3]?.value === "(";
    const isFetch = lang === "javascript" && tok.value === "fetch" && tokens[i + 1]?.value === "(" && tokens[i - 1]?.value !== ".";
    const isRequests = lang === "python" && /requests$/.test(tok.value) && dotted;
    const isAxios = lang === "javascript" && tok.value === "axios" && dotted;
    if (!isFetch && !isRequests && !isAxios) continue;
    const open = isFetch ? i + 1 : i + 3;
    const parser = new ExprParser(tokens, lang, open + 1);
    const { args, kwargs } = parser.callArgs();
    const url = args[0];
    if (!url) continue;
    const method = isFetch ? "GET" : String(tokens[i + 2]?.value).toUpperCase();
    if (isRequests) {
      out.push({ at: i, method, url, upload: kwargs["data"] !== undefined, ...(kwargs["json"] ? { body: kwargs["json"] } : {}), ...(kwargs["headers"] ? { headers: kwargs["headers"] } : {}) });
    } else if (isFetch) {
      out.push({ at: i, method, url, upload: false, ...(args[1] ? { options: args[1] } : {}) });
    } else {
      const withData = method !== "GET" && method !== "DELETE";
      const config = withData ? args[2] : args[1];
      out.push({ at: i, method, url, upload: false, ...(withData && args[1] ? { body: args[1] } : {}), ...(config ? { options: config } : {}) });
    }
    i = parser.i - 1;
  }
  return out;
}

/** The names an expression refers to (recursively through the assignments they resolve to). */
function referencedAssignments(e: Expr | undefined, at: number, scope: SnippetScope, seen: Set<Assignment>): void {
  if (!e) return;
  const visit = (x: Expr) => referencedAssignments(x, at, scope, seen);
  if (e.k === "ref") {
    const a = scope.assignmentOf(e.text, at);
    if (a && !seen.has(a)) {
      seen.add(a);
      referencedAssignments(a.expr, a.at, scope, seen);
    }
  } else if (e.k === "obj") [...e.spreads, ...e.entries.map(([, v]) => v)].forEach(visit);
  else if (e.k === "arr") e.items.forEach(visit);
  else if (e.k === "call") [...e.args, ...Object.values(e.kwargs)].forEach(visit);
  else if (e.k === "add") [e.l, e.r].forEach(visit);
  else if (e.k === "tpl") e.parts.forEach((p) => (typeof p === "string" ? undefined : visit(p)));
}

function snippetRequests(file: string, block: CodeBlock, lang: SnippetLanguage, scope: SnippetScope, tokens: Token[], assignments: Assignment[]): DocRequest[] {
  const lineOf = (at: number) => block.line + 1 + block.code.slice(0, tokens[at]?.pos ?? 0).split("\n").length - 1;
  const consumed = new Set<Assignment>();
  const out: DocRequest[] = [];
  for (const call of callsOf(tokens, lang)) {
    for (const e of [call.url, call.body, call.options, call.headers]) referencedAssignments(e, call.at, scope, consumed);
    const opts = call.options ? (scope.evaluate(call.options, call.at) as Record<string, unknown>) : {};
    const method = typeof opts["method"] === "string" ? opts["method"].toUpperCase() : call.method;
    const body = call.body ? scope.evaluate(call.body, call.at) : opts["body"];
    const url = String(scope.evaluate(call.url, call.at));
    const upload = call.upload || /\/v2\/upload$/.test(url);
    const authorization = authorizationOf(call.headers ? scope.evaluate(call.headers, call.at) : opts["headers"]);
    out.push({ file, line: lineOf(call.at), via: lang, method, url, ...(upload ? { upload: true } : body === undefined ? {} : { body }), ...(authorization === undefined ? {} : { authorization }) });
  }
  // Bodies shown without their call: `data = {...}` "building on the Quickstart above".
  for (const a of assignments) {
    if (consumed.has(a) || a.expr.k !== "obj") continue;
    const body = scope.evaluate(a.expr, a.at + 1);
    const url = impliedEndpoint(body);
    if (url) out.push({ file, line: lineOf(a.at), via: lang, method: "POST", url, body, implied: true });
  }
  return out.sort((x, y) => x.line - y.line);
}

function jsonBlock(file: string, block: CodeBlock, page: DocPage): void {
  const status = /^\s*#\s*Status code:\s*(\d{3})/i.exec(block.code);
  // Abridged bodies (a line of "...") are read without the ellipsis.
  const text = (status ? block.code.slice(block.code.indexOf("\n") + 1) : block.code).replace(/^\s*\.\.\.\s*$/gm, "").replace(/,(\s*[}\]])/g, "$1");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    page.other.push(block.line);
    return;
  }
  const record = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const gatewayCode = record["error"] && typeof record["error"] === "object" ? (record["error"] as { code?: unknown }).code : undefined;
  if (status) page.errors.push({ file, line: block.line, status: Number(status[1]), body: value });
  else if (typeof gatewayCode === "number") page.errors.push({ file, line: block.line, status: gatewayCode, body: value });
  else if (record["status"] === "error" && typeof record["error"] === "string") page.errors.push({ file, line: block.line, status: null, body: value });
  else if (impliedEndpoint(value)) page.requests.push({ file, line: block.line + 1, via: "json", method: "POST", url: impliedEndpoint(value) as string, body: value, implied: true });
  else page.other.push(block.line);
}

/** Reads one page. */
export function extractPage(file: string, text: string, options: ExtractOptions): DocPage {
  const page: DocPage = { file, requests: [], errors: [], skipped: [], other: [], unread: [] };
  const scopes: Partial<Record<SnippetLanguage, SnippetScope>> = {};
  for (const block of codeBlocks(text)) {
    const skip = (reason: string) => page.skipped.push({ file, line: block.line, reason });
    if (block.commented) {
      skip(SKIP_REASONS.commented);
      continue;
    }
    if (block.lang === "json") {
      jsonBlock(file, block, page);
      continue;
    }
    const lang = LANGS[block.lang];
    let found: DocRequest[] = [];
    if (block.lang === "bash" || block.lang === "shell" || block.lang === "sh" || block.lang === "curl") {
      found = curlCommands(block.code).map((c) => {
        const upload = c.data?.startsWith("@") || /\/v2\/upload$/.test(c.url);
        let body: unknown = c.data;
        try {
          body = c.data === undefined || upload ? undefined : JSON.parse(c.data);
        } catch {
          // not JSON: replayed as written, so the sandbox's answer to it is what the test sees
        }
        return { file, line: block.line + 1 + c.line, via: "curl" as const, method: c.method, url: c.url, ...(upload ? { upload: true as const } : body === undefined ? {} : { body }), ...(c.headers["authorization"] === undefined ? {} : { authorization: c.headers["authorization"] }) };
      });
    } else if (lang) {
      const tokens = tokenize(block.code, lang);
      const assignments = assignmentsOf(tokens, lang);
      const scope = new SnippetScope(assignments, options.runtime, scopes[lang]);
      scopes[lang] = scope;
      found = snippetRequests(file, block, lang, scope, tokens, assignments);
    }
    page.requests.push(...found);
    if (lang && SDK.test(block.code) && SDK_CALL.test(block.code) && found.length === 0) skip(SKIP_REASONS.sdk);
    else if (lang && STREAMING.test(block.code)) skip(SKIP_REASONS.streaming);
    else if (found.length === 0) (ENDPOINT.test(block.code) && lang ? page.unread : page.other).push(block.line);
  }
  return page;
}

/** Reads every `.mdx` page of a directory (not its subdirectories: streaming/ is out of scope), by file name. */
export function extractDocs(dir: string, options: ExtractOptions): DocPage[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".mdx"))
    .sort()
    .map((f) => extractPage(f, readFileSync(`${dir}/${f}`, "utf8"), options));
}
