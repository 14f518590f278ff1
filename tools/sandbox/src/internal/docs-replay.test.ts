import { describe, expect, it } from "vitest";
import { markersIn } from "./test-support/docs-eval.js";
import { BINDINGS, ERROR_CASES, EXPECTED_COUNTS, REFUSED, RUNTIME_NAMES } from "./test-support/docs-replay-cases.js";
import { PageSession, REPLAY_KEY, resolveRequest, type RegionSession, type Reply } from "./test-support/docs-replay-session.js";
import { extractDocs, SKIP_REASONS, type DocPage, type DocRequest } from "./test-support/docs-requests.js";
import { loadSpecs, REFERENCE_DIR, referenceAvailable } from "./test-support/spec.js";
import { transcriptParamsSpec } from "./test-support/transcript-spec.js";

/**
 * Replays every request example of the docs pages (shared/reference/assemblyai/docs/*.mdx) against
 * the sandbox: curl commands, the raw HTTP calls of the Python and JavaScript snippets, the bodies
 * the pages show without their call, and JSON request bodies. Each gets the documented status (2xx,
 * or the refusal listed in REFUSED with its reason) and a body that validates against the matching
 * schema of openapi.yml / llm-gateway.yml; each request body also gets the spec's own verdict (ajv),
 * which must agree with the sandbox's. Each documented error example is provoked and checked the
 * same way. SDK snippets, streaming code and commented-out blocks are listed as skipped.
 */

const pages: DocPage[] = referenceAvailable ? extractDocs(`${REFERENCE_DIR}/docs`, { runtime: RUNTIME_NAMES }) : [];
const id = (r: { file: string; line: number }) => `${r.file}:${r.line}`;

type SpecRef = ["openapi.yml" | "llm-gateway.yml", string];

/** The schema of a route's successful answer. */
function successSchema(method: string, path: string): SpecRef {
  if (path === "/v2/upload") return ["openapi.yml", "UploadedFile"];
  if (/^\/v2\/transcript\/[^/]+\/redacted-audio$/.test(path)) return ["openapi.yml", "RedactedAudioResponse"];
  if (path === "/v2/transcript" || /^\/v2\/transcript\/[^/]+$/.test(path)) return ["openapi.yml", "Transcript"];
  if (path === "/v1/chat/completions") return ["llm-gateway.yml", "Response"];
  if (path === "/v1/understanding") return ["llm-gateway.yml", "LLMGatewaySpeakerIdentificationResponse"];
  throw new Error(`no response schema for ${method} ${path}: extend successSchema`);
}

/** The schema of a request body, or null when the route takes none. */
function requestSchema(path: string): ((body: unknown) => string[]) | null {
  if (path === "/v2/transcript") return (b) => transcriptParamsSpec().errors(b);
  if (path === "/v1/chat/completions") return (b) => loadSpecs().errors("llm-gateway.yml", "LLMGatewayRequest", b);
  if (path === "/v1/understanding") return (b) => loadSpecs().errors("llm-gateway.yml", "UnderstandingRequest", b);
  return null;
}

const errorSchema = (path: string): SpecRef => (path.startsWith("/v1/") ? ["llm-gateway.yml", "ErrorResponse"] : ["openapi.yml", "Error"]);
const errorMessage = (reply: Reply): unknown => (typeof reply.json["error"] === "object" ? reply.json["error"]?.["message"] : reply.json["error"]);

function expectSchema([file, name]: SpecRef, reply: Reply, what: string): void {
  expect(loadSpecs().errors(file, name, reply.json), `${what}: answer against ${name}`).toEqual([]);
}

/** Replays one request in its page's session and checks the answer. */
async function replay(page: PageSession, req: DocRequest): Promise<void> {
  const where = `${id(req)} (${req.via} ${req.method})`;
  const r: RegionSession = await page.region(req.url);
  const { url, body, authorization } = await resolveRequest(req, r, BINDINGS);
  // The docs send the raw key in Authorization (no "Bearer "): after filling the placeholder it is the key itself.
  if (authorization !== undefined) expect(authorization, `${where}: Authorization as the docs write it`).toBe(REPLAY_KEY);
  const path = new URL(url).pathname;
  const refused = REFUSED[id(req)];
  const verdict = req.upload ? null : requestSchema(path);
  if (verdict) {
    const errors = verdict(body);
    if (refused?.spec === "invalid") expect(errors, `${where}: the spec refuses this body too`).not.toEqual([]);
    else expect(errors, `${where}: the spec accepts this body`).toEqual([]);
  }
  const reply = await r.send(req.method, url, body, { upload: req.upload === true });
  if (refused) {
    expect(reply.status, `${where}: ${refused.why}`).toBe(refused.status);
    expect(errorMessage(reply), where).toBe(refused.error);
    expectSchema(errorSchema(path), reply, where);
    if (!refused.repair) return;
    const repaired = refused.repair(body as Record<string, unknown>);
    expect(verdict?.(repaired) ?? [], `${where}: repaired, the spec accepts it`).toEqual([]);
    const again = await r.send(req.method, url, repaired);
    expect(again.status, `${where}: repaired (${again.text})`).toBe(200);
    expectSchema(successSchema(req.method, path), again, `${where} repaired`);
    if (path === "/v2/transcript") r.lastTranscript = again.json["id"];
    return;
  }
  expect(reply.status, `${where}: ${reply.text}`).toBe(200);
  expectSchema(successSchema(req.method, path), reply, where);
  if (path === "/v2/upload") r.lastUpload = reply.json["upload_url"];
  if (req.method === "POST" && path === "/v2/transcript") r.lastTranscript = reply.json["id"];
  // The docs poll until "completed": a job of the sandbox's fixture gets there.
  if (req.method === "GET" && /^\/v2\/transcript\/[^/]+$/.test(path)) expect(reply.json["status"], where).toBe("completed");
  // Structured outputs: the content is JSON that fits the requested schema.
  const schema = (body as { response_format?: { json_schema?: { schema?: object } } } | undefined)?.response_format?.json_schema?.schema;
  if (schema) expect(loadSpecs().errorsAgainst(schema, JSON.parse(String(reply.json["choices"][0]["message"]["content"]))), where).toEqual([]);
}

describe.skipIf(!referenceAvailable)("docs replay: what was read from the pages", () => {
  it("reads every page, and exactly the examples counted for it (an added or removed example fails here)", () => {
    const counts = Object.fromEntries(pages.map((p) => [p.file, { requests: p.requests.length, errors: p.errors.length, skipped: p.skipped.length, other: p.other.length }]));
    expect(counts).toEqual(EXPECTED_COUNTS);
  });

  it("leaves no block half-read: every block that names an endpoint yielded its requests (or is skipped for a listed reason)", () => {
    expect(pages.flatMap((p) => p.unread.map((line) => `${p.file}:${line}`))).toEqual([]);
    const reasons = new Set<string>(Object.values(SKIP_REASONS));
    expect(pages.flatMap((p) => p.skipped).filter((s) => !reasons.has(s.reason))).toEqual([]);
  });

  it("binds every marker the snippets leave, and every binding is used", () => {
    const used = new Set(pages.flatMap((p) => p.requests.flatMap((r) => markersIn([r.url, r.body, r.authorization]))));
    expect([...used].filter((m) => !(m in BINDINGS)).sort()).toEqual([]);
    expect(Object.keys(BINDINGS).filter((m) => !used.has(m)).sort()).toEqual([]);
  });

  it("lists refusals and error cases only for examples that exist", () => {
    const requests = new Set(pages.flatMap((p) => p.requests.map(id)));
    expect(Object.keys(REFUSED).filter((k) => !requests.has(k))).toEqual([]);
    expect(Object.keys(ERROR_CASES).sort()).toEqual(pages.flatMap((p) => p.errors.map(id)).sort());
  });
});

for (const p of pages) {
  describe.skipIf(!referenceAvailable)(`docs replay: ${p.file}`, () => {
    // One session per page: its requests run in page order and build on each other, like the page's snippets.
    const session = new PageSession();
    for (const req of p.requests) {
      const refused = REFUSED[id(req)];
      const outcome = refused ? `${refused.status} (${refused.spec === "invalid" ? "the docs break the spec" : "not emulated"})` : "2xx";
      const path = req.url.replace(/^https?:\/\/[^/]+/, "").replace(/⟦([^⟧]*)⟧/g, "{$1}");
      it(`${id(req)} ${req.via}${req.implied ? " (body shown without its call)" : ""} ${req.method} ${path} -> ${outcome}`, () => replay(session, req));
    }
    for (const e of p.errors) {
      const c = ERROR_CASES[id(e)];
      // Error examples the sandbox cannot provoke carry their reason in ERROR_CASES (`skip`); not tests.
      if (!c || "skip" in c) continue;
      it(`${id(e)} error example -> ${e.status ?? 'a transcript in status "error"'}`, async () => {
        const r = await session.region("https://api.assemblyai.com");
        const reply = await c.provoke(r);
        const documented = e.status === null ? null : errorMessage({ status: e.status, json: e.body as Reply["json"], text: "" });
        if (e.status === null) {
          // A job that failed: HTTP 200, status "error", an error message (see the case's note for its wording).
          expect(reply.status).toBe(200);
          expect(reply.json["status"]).toBe("error");
          expect(reply.json["audio_url"]).toBe((e.body as { audio_url: string }).audio_url);
          expect(String(reply.json["error"]).length).toBeGreaterThan(0);
          expect(loadSpecs().errors("openapi.yml", "Transcript", reply.json)).toEqual([]);
          return;
        }
        expect(reply.status).toBe(e.status);
        expectSchema(errorSchema(e.file === "chat-completions.mdx" ? "/v1/" : "/v2/"), reply, id(e));
        if (c.message === null) {
          // The docs' wording cannot be matched (c.note says why): only the status is checked.
          expect(c.note).toBeDefined();
          expect(errorMessage(reply)).not.toBe(documented);
        } else {
          expect(errorMessage(reply)).toBe(c.message);
          if (c.message !== documented) expect(c.note, "a message that differs from the page's needs a note").toBeDefined();
        }
      });
    }
    // Skipped blocks (SDK snippets, streaming, commented-out code) are counted and their reasons checked above.
  });
}
