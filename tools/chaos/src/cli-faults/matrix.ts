/**
 * The CLI half of the fault matrix as data: fault kind × options × route → expected outcome.
 * Every (kind, route) pair of the sandbox has cells here or an explicit not-applicable entry, so a
 * new fault kind or route fails the coverage test until someone says what the CLI should do.
 */
import { FAULT_KINDS, ROUTE_NAMES, type FaultKind, type FaultSpec, type RouteName } from "@org/soap-sandbox";
import { seededRandom } from "../support/random.js";

type Section = "subjective" | "objective" | "assessment" | "plan";
type Status = 429 | 500 | 502 | 503 | 504;

/** Choices taken from the run's seed (printed in the test names). */
export interface MatrixChoices {
  /** `times` of the transient status/reset/hang cells (a visit gets 3 attempts, so 1 or 2 survive). */
  times: 1 | 2;
  /** Retry-After of the 429 cells. */
  retryAfterSeconds: 0 | 1;
  /** Section left out by the missing_section cells. */
  section: Section;
}

/** Where a visit stops: the stage names the CLI writes to failures.jsonl. */
type Stage = "upload" | "transcribe" | "generate";

/** The visit ends with a complete note. */
export interface Survive {
  kind: "survive";
  /**
   * The warning a hit visit's note carries beyond the clean run's, and how many notes do. With
   * `presence`, the note just carries `code` for `section` (the clean run may already have it).
   */
  warning?: { code: string; notes: number; section?: Section; presence?: boolean };
  /** The note is written but `--delete-after` failed for this many visits (exit 0, rows stage "delete"). */
  deleteFailures?: { count: number; name: string };
}

/** The hit visits fail: typed error, clear message, nothing half-written. */
export interface Fail {
  kind: "fail";
  /** How many of the visits fail (the others complete). */
  failed: number;
  name: string;
  stage: Stage;
  permanent: boolean;
  /** Key phrase of the message (never a secret or PHI). */
  message: RegExp;
  /** With the fault removed, running the same command again: completes, or stays failed by design. */
  rerun: "completes" | "stays_failed";
}

export type Outcome = Survive | Fail;

/** One cell: faults to inject, CLI flags, expected outcome and transcript count. */
export interface Cell {
  /** Unique, file-name safe. */
  id: string;
  route: RouteName;
  kind: FaultKind;
  /** The cell's fault first; a second one sets the stage for it (list needs a lost create). */
  faults: FaultSpec[];
  /** `--template` (default: the CLI's, structured). */
  template?: string;
  /** `--timeout` seconds (hang cells). */
  timeoutSeconds?: number;
  expect: Outcome;
  /** transcriptsCreated after the first run (never more than the visits). */
  createdFirstRun: number;
  /** Why this outcome is the designed one. */
  why: string;
}

/** A (kind, route) pair the CLI cannot meet, with the reason. "*" matches any. */
export interface NotApplicable {
  kind: FaultKind | "*";
  route: RouteName | "*";
  why: string;
}

/** The visits of every cell. */
export const VISITS = 2;
/** Per-request timeout of hang cells: short, yet far above a normal sandbox answer. */
export const HANG_TIMEOUT_S = 1;

/** Routes the CLI calls (list only to find a create whose answer was lost). */
export const CLI_ROUTES = ["upload", "create", "list", "get", "delete", "chat", "understanding"] as const satisfies readonly RouteName[];
type CliRoute = (typeof CLI_ROUTES)[number];

const STAGE: Record<CliRoute, Stage> = {
  upload: "upload",
  create: "transcribe",
  list: "transcribe",
  get: "transcribe",
  delete: "transcribe",
  chat: "generate",
  understanding: "transcribe",
};

const OPERATION: Record<CliRoute, string> = {
  upload: "POST /v2/upload",
  create: "POST /v2/transcript",
  list: "GET /v2/transcript",
  get: "GET /v2/transcript/{id}",
  delete: "DELETE /v2/transcript/{id}",
  chat: "POST /v1/chat/completions",
  understanding: "POST /v1/understanding",
};

const STATUSES: readonly Status[] = [429, 500, 502, 503, 504];

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** What core raises when a retried request keeps failing with `kind`. */
function typedError(route: CliRoute, kind: "status" | "reset" | "hang" | "malformed_json", status?: Status): { name: string; message: RegExp; permanent: boolean } {
  const op = esc(OPERATION[route]);
  switch (kind) {
    case "status":
      return status === 429
        ? { name: "RateLimitError", message: new RegExp(`${op} failed with HTTP 429`), permanent: false }
        : { name: "InternalServerError", message: new RegExp(`${op} failed with HTTP ${status}`), permanent: false };
    case "reset":
      return { name: "ConnectionError", message: new RegExp(`${op} could not connect`), permanent: false };
    case "hang":
      // Uploads time out on inactivity; a chat or understanding call that timed out is not sent again (it may be billed).
      if (route === "upload") return { name: "TimeoutError", message: new RegExp(`${op} timed out: nothing was sent or received for ${HANG_TIMEOUT_S * 1000} ms`), permanent: false };
      if (route === "chat" || route === "understanding") {
        return { name: "TimeoutError", message: new RegExp(`${op} timed out after ${HANG_TIMEOUT_S * 1000} ms\\. Not retried: the gateway may still be writing \\(and billing\\) the answer`), permanent: false };
      }
      return { name: "TimeoutError", message: new RegExp(`${op} timed out after ${HANG_TIMEOUT_S * 1000} ms`), permanent: false };
    case "malformed_json":
      return { name: "ResponseValidationError", message: new RegExp(`${op} returned HTTP 200 with a body that is not JSON`), permanent: false };
  }
}

type Transport = { kind: "status"; status: Status } | { kind: "reset" } | { kind: "hang" } | { kind: "malformed_json" };

function transports(): Transport[] {
  return [...STATUSES.map((status): Transport => ({ kind: "status", status })), { kind: "reset" }, { kind: "hang" }, { kind: "malformed_json" }];
}

function label(t: Transport): string {
  return t.kind === "status" ? `status-${t.status}` : t.kind;
}

function spec(route: RouteName, t: Transport, c: MatrixChoices, o: { times?: number; after?: boolean }): FaultSpec {
  const s: FaultSpec = { route, kind: t.kind };
  if (t.kind === "status") {
    s.status = t.status;
    if (t.status === 429) s.retryAfterSeconds = c.retryAfterSeconds;
  }
  if (o.times !== undefined) s.times = o.times;
  if (o.after) s.after = true;
  return s;
}

/** Cells of a route whose requests core retries (GET, DELETE, replayable POSTs). */
function retriedRouteCells(route: "upload" | "get" | "delete" | "chat" | "understanding", c: MatrixChoices): Cell[] {
  const cells: Cell[] = [];
  for (const t of transports()) {
    for (const persistent of [false, true]) {
      // A truncated 200 body is not retried (core treats it as a bad answer): each hit visit ends there.
      const hits = persistent ? VISITS : Math.min(VISITS, c.times);
      const id = `${route}.${label(t)}.${persistent ? "persistent" : `x${c.times}`}`;
      const base = {
        id,
        route,
        kind: t.kind,
        faults: [spec(route, t, c, persistent ? {} : { times: c.times })],
        ...(t.kind === "hang" ? { timeoutSeconds: HANG_TIMEOUT_S } : {}),
      };
      const err = typedError(route, t.kind, t.kind === "status" ? t.status : undefined);
      const malformed = t.kind === "malformed_json";
      // A billed call (chat, understanding) that timed out is not retried: a transient hang is a persistent one for it.
      const billedHang = t.kind === "hang" && (route === "chat" || route === "understanding");
      if (!malformed && !persistent && !billedHang) {
        cells.push({ ...base, expect: { kind: "survive" }, createdFirstRun: VISITS, why: `core retries ${OPERATION[route]} (3 attempts), ${c.times} failure(s) are absorbed` });
        continue;
      }
      if (route === "understanding") {
        cells.push({
          ...base,
          expect: { kind: "survive", warning: { code: "roles_unavailable", notes: hits } },
          createdFirstRun: VISITS,
          why: "speaker roles are optional: the note is written without them, with a roles_unavailable warning",
        });
      } else if (route === "delete") {
        cells.push({
          ...base,
          expect: { kind: "survive", deleteFailures: { count: hits, name: err.name } },
          createdFirstRun: VISITS,
          why: "the note is safe before deletion: exit 0, a failures.jsonl row stage delete, the next run deletes",
        });
      } else {
        cells.push({
          ...base,
          expect: { kind: "fail", failed: hits, stage: STAGE[route], ...err, rerun: "completes" },
          createdFirstRun: route === "upload" ? VISITS - hits : VISITS,
          why: malformed ? "a 200 whose body is not JSON is a typed, non-retried ResponseValidationError" : "retries exhausted: the typed error of the last attempt",
        });
      }
    }
  }
  return cells;
}

const UNCERTAIN = (detail: string): RegExp => new RegExp(`may have succeeded on AssemblyAI's side \\(${esc(detail)}\\), so it was not retried`);

/** POST /v2/transcript: retried only when AssemblyAI certainly did not process it (429, 503). */
function createCells(c: MatrixChoices): Cell[] {
  const cells: Cell[] = [];
  for (const t of transports()) {
    for (const persistent of [false, true]) {
      const times = persistent ? undefined : c.times;
      const hits = persistent ? VISITS : Math.min(VISITS, c.times);
      const id = `create.${label(t)}.${persistent ? "persistent" : `x${c.times}`}`;
      const base = { id, route: "create" as const, kind: t.kind, faults: [spec("create", t, c, times === undefined ? {} : { times })], ...(t.kind === "hang" ? { timeoutSeconds: HANG_TIMEOUT_S } : {}) };
      if (t.kind === "status" && (t.status === 429 || t.status === 503)) {
        const err = typedError("create", "status", t.status);
        cells.push(
          persistent
            ? { ...base, expect: { kind: "fail", failed: VISITS, stage: "transcribe", ...err, rerun: "completes" }, createdFirstRun: 0, why: `${t.status} means not processed: retried, then the typed error; nothing was created` }
            : { ...base, expect: { kind: "survive" }, createdFirstRun: VISITS, why: `${t.status} means not processed, so the create is retried` },
        );
      } else if (t.kind === "malformed_json") {
        cells.push({
          ...base,
          expect: { kind: "fail", failed: hits, stage: "transcribe", name: "ResponseValidationError", permanent: false, message: /POST \/v2\/transcript returned HTTP 200 with a body that is not JSON\. AssemblyAI accepted the request/, rerun: "completes" },
          createdFirstRun: VISITS,
          why: "the transcript exists but its id is unreadable: the visit fails; the rerun finds it by listing (ledger: creating) and creates nothing",
        });
      } else {
        const detail = t.kind === "status" ? `HTTP ${t.status}` : t.kind === "reset" ? "the connection failed" : "the request timed out";
        cells.push({
          ...base,
          expect: { kind: "fail", failed: hits, stage: "transcribe", name: "TranscriptCreateUncertainError", permanent: false, message: UNCERTAIN(detail), rerun: "completes" },
          createdFirstRun: VISITS - hits,
          why: "the create may have been accepted: never re-sent; the lookup by upload URL finds nothing; the rerun looks again, then creates once",
        });
      }
    }
  }
  // The answer is lost AFTER AssemblyAI created the transcript: the lookup must find it, not create again.
  const afterKinds: Transport[] = [{ kind: "status", status: 500 }, { kind: "status", status: 502 }, { kind: "status", status: 504 }, { kind: "reset" }, { kind: "hang" }];
  for (const t of afterKinds) {
    cells.push({
      id: `create.${label(t)}.after.persistent`,
      route: "create",
      kind: t.kind,
      faults: [spec("create", t, c, { after: true })],
      ...(t.kind === "hang" ? { timeoutSeconds: HANG_TIMEOUT_S } : {}),
      expect: { kind: "survive" },
      createdFirstRun: VISITS,
      why: "created, answer lost: core lists transcripts, finds this upload's one and waits on it",
    });
  }
  for (const persistent of [false, true]) {
    const hits = persistent ? VISITS : 1;
    cells.push({
      id: `create.transcript_error.${persistent ? "persistent" : "x1"}`,
      route: "create",
      kind: "transcript_error",
      faults: [persistent ? { route: "create", kind: "transcript_error" } : { route: "create", kind: "transcript_error", times: 1 }],
      expect: { kind: "fail", failed: hits, stage: "transcribe", name: "TranscriptFailedError", permanent: true, message: /Transcript [0-9a-f-]+ failed: .*\(transcript_error\)/, rerun: "stays_failed" },
      createdFirstRun: VISITS,
      why: "status error is final: retrying would bill a new transcript, so the rerun reports it again and creates nothing",
    });
  }
  return cells;
}

/** GET /v2/transcript is called only to find a lost create: each cell loses every create's answer. */
function listCells(c: MatrixChoices): Cell[] {
  const lost: FaultSpec = { route: "create", kind: "status", status: 500, after: true };
  const cases: { t: Transport; persistent: boolean }[] = [
    { t: { kind: "status", status: 503 }, persistent: false },
    { t: { kind: "status", status: 429 }, persistent: false },
    { t: { kind: "status", status: 500 }, persistent: true },
    { t: { kind: "reset" }, persistent: true },
    { t: { kind: "hang" }, persistent: true },
    { t: { kind: "malformed_json" }, persistent: true },
  ];
  return cases.map(({ t, persistent }): Cell => {
    const base = {
      id: `list.${label(t)}.${persistent ? "persistent" : `x${c.times}`}`,
      route: "list" as const,
      kind: t.kind,
      faults: [spec("list", t, c, persistent ? {} : { times: c.times }), lost],
      ...(t.kind === "hang" ? { timeoutSeconds: HANG_TIMEOUT_S } : {}),
      createdFirstRun: VISITS,
    };
    if (!persistent) return { ...base, expect: { kind: "survive" }, why: "the lookup is a GET: retried, then it finds the transcript" };
    return {
      ...base,
      expect: { kind: "fail", failed: VISITS, stage: "transcribe", name: "TranscriptCreateUncertainError", permanent: false, message: /status unknown; the automatic lookup failed too/, rerun: "completes" },
      why: "created, answer lost, lookup fails: the visit fails uncertain; the rerun looks up again (ledger: creating) and finds it, no second transcript",
    };
  });
}

/** Faults in the model's answer. The default template is structured (JSON schema, one repair retry). */
function chatContentCells(c: MatrixChoices): Cell[] {
  const cells: Cell[] = [];
  const missing = (times?: number): FaultSpec => ({ route: "chat", kind: "missing_section", section: c.section, ...(times ? { times } : {}) });
  // times 1 only: with 2, one visit's repair retry could draw the second fault.
  cells.push(
    { id: "chat.invented_quote.x1", route: "chat", kind: "invented_quote", faults: [{ route: "chat", kind: "invented_quote", times: 1 }], expect: { kind: "survive", warning: { code: "unsupported_quote", notes: 1 } }, createdFirstRun: VISITS, why: "the evidence check flags the quote; the note is kept" },
    { id: "chat.invented_quote.persistent", route: "chat", kind: "invented_quote", faults: [{ route: "chat", kind: "invented_quote" }], expect: { kind: "survive", warning: { code: "unsupported_quote", notes: VISITS } }, createdFirstRun: VISITS, why: "the evidence check flags the quote; the note is kept" },
    { id: `chat.missing_section-${c.section}.x1`, route: "chat", kind: "missing_section", faults: [missing(1)], expect: { kind: "survive", warning: { code: "repair_retry", notes: 1 } }, createdFirstRun: VISITS, why: "the structured answer misses a required key: one repair retry fixes it" },
    {
      id: `chat.missing_section-${c.section}.persistent`,
      route: "chat",
      kind: "missing_section",
      faults: [missing()],
      expect: { kind: "fail", failed: VISITS, stage: "generate", name: "StructuredAnswerError", permanent: false, message: new RegExp(`does not fit the schema after 2 attempt\\(s\\): 1 issue\\(s\\), first at ${c.section}`), rerun: "completes" },
      createdFirstRun: VISITS,
      why: "the repair retry misses it too: typed StructuredAnswerError, no note",
    },
    { id: "chat.schema_violation.x1", route: "chat", kind: "schema_violation", faults: [{ route: "chat", kind: "schema_violation", times: 1 }], expect: { kind: "survive", warning: { code: "repair_retry", notes: 1 } }, createdFirstRun: VISITS, why: "one repair retry fixes the answer" },
    {
      id: "chat.schema_violation.persistent",
      route: "chat",
      kind: "schema_violation",
      faults: [{ route: "chat", kind: "schema_violation" }],
      expect: { kind: "fail", failed: VISITS, stage: "generate", name: "StructuredAnswerError", permanent: false, message: /does not fit the schema after 2 attempt\(s\)/, rerun: "completes" },
      createdFirstRun: VISITS,
      why: "the repair retry breaks the schema too: typed StructuredAnswerError, no note",
    },
  );
  // Text templates: no schema to repair against, so a missing section is flagged, not retried.
  for (const [template, code] of [["soap-complete@1", "missing_section"], ["soap-sectioned@1", "empty_section"]] as const) {
    const tpl = template.replace(/@.*/, "");
    cells.push(
      { id: `chat.invented_quote.${tpl}.persistent`, route: "chat", kind: "invented_quote", faults: [{ route: "chat", kind: "invented_quote" }], template, expect: { kind: "survive", warning: { code: "unsupported_quote", notes: VISITS } }, createdFirstRun: VISITS, why: `${template}: the evidence check flags the quote` },
      { id: `chat.missing_section-${c.section}.${tpl}.persistent`, route: "chat", kind: "missing_section", faults: [missing()], template, expect: { kind: "survive", warning: { code, notes: VISITS, section: c.section, presence: true } }, createdFirstRun: VISITS, why: `${template}: the note is kept and the gap flagged (${code})` },
    );
  }
  return cells;
}

/** Every cell of the CLI matrix for these choices. */
export function buildCells(c: MatrixChoices): Cell[] {
  return [
    ...retriedRouteCells("upload", c),
    ...createCells(c),
    ...listCells(c),
    ...retriedRouteCells("get", c),
    ...retriedRouteCells("delete", c),
    ...retriedRouteCells("chat", c),
    ...retriedRouteCells("understanding", c),
    ...chatContentCells(c),
  ];
}

/** What the CLI half does not cover, and why (the coverage test reads this list). */
export const NOT_APPLICABLE: readonly NotApplicable[] = [
  { kind: "*", route: "webhook", why: "the CLI polls; webhooks are the edge API's (covered there)" },
  { kind: "*", route: "sentences", why: "not called by the CLI (notes are written from the transcript's utterances)" },
  { kind: "*", route: "paragraphs", why: "not called by the CLI" },
  { kind: "*", route: "redacted_audio", why: "not called by the CLI" },
  { kind: "*", route: "models", why: "core's model check (one GET /v1/models per gateway client) is advisory: any failure lets the chat go out unchecked; covered by core's gateway-client tests and the edge API's matrix" },
  { kind: "*", route: "word_search", why: "not called by the CLI" },
  { kind: "*", route: "subtitles", why: "not called by the CLI" },
  { kind: "duplicate_webhook", route: "*", why: "webhook delivery only: the CLI polls" },
  { kind: "out_of_order_webhook", route: "*", why: "webhook delivery only: the CLI polls" },
  { kind: "transcript_error", route: "*", why: "the sandbox injects it at create only (the transcript then ends in status error on every later read)" },
  { kind: "invented_quote", route: "*", why: "a fault in the chat answer's content: chat only" },
  { kind: "missing_section", route: "*", why: "a fault in the chat answer's content: chat only" },
  { kind: "schema_violation", route: "*", why: "a fault in the chat answer's content: chat only" },
];

/**
 * Also not run, on purpose (listed so the omission is visible in the report):
 * - create × status 429/503 with after:true: the sandbox would create the transcript and then answer
 *   "not processed", which breaks the contract core's retry policy rests on (429/503 = rejected at
 *   the door); the retry then creates a second transcript by design.
 * - after:true on routes other than create: the handler's side effect is idempotent (get, list,
 *   delete) or unbilled (upload, chat, understanding), so the client sees what the before cells test.
 * - schema_violation with the text templates: they request no JSON schema, so the fault has no effect.
 */
export const NOT_RUN_COMBINATIONS = [
  "create × status 429/503 after:true (contradicts the API contract; a retry would duplicate by design)",
  "after:true on routes other than create (same client-side outcome as the before cells)",
  "schema_violation × soap-complete/soap-sectioned (no JSON schema requested)",
] as const;

/** (kind, route) pairs with neither a cell nor a not-applicable entry. */
export function coverageGaps(cells: readonly Cell[], na: readonly NotApplicable[] = NOT_APPLICABLE): string[] {
  const gaps: string[] = [];
  for (const kind of FAULT_KINDS) {
    for (const route of ROUTE_NAMES) {
      const covered = cells.some((c) => c.kind === kind && c.route === route);
      const excused = na.some((n) => (n.kind === "*" || n.kind === kind) && (n.route === "*" || n.route === route));
      if (!covered && !excused) gaps.push(`${kind} × ${route}`);
    }
  }
  return gaps;
}

export const seeded = seededRandom;

/** The matrix's seed-derived choices. */
export function chooseFromSeed(random: () => number): MatrixChoices {
  const sections: Section[] = ["subjective", "objective", "assessment", "plan"];
  return {
    times: random() < 0.5 ? 1 : 2,
    retryAfterSeconds: random() < 0.5 ? 0 : 1,
    section: sections[Math.floor(random() * sections.length)] ?? "plan",
  };
}
