/**
 * The parity record of one visit: what one app (the CLI, the edge API) asked AssemblyAI and the LLM
 * Gateway for, and what note it wrote, reduced to values that carry no PHI. Each half of the parity
 * test builds one from the sandbox's state and the note, keeps it in its Vitest task meta
 * (`task.meta.parity`), and the finale compares the two with {@link parityDifferences}.
 *
 * Only non-PHI values are kept in clear: create parameters (policy names, models, flags, the config's
 * key terms, the fixture's audio URL), the template ref and hash, the transcript mode, the model, the
 * redaction record, roles and counts. Everything that holds transcript or note text (chat messages,
 * sections) is kept only as SHA-256 hex digests of canonical JSON: the finale scans the reports that
 * carry these records for PHI and transcript snippets.
 *
 * Portable: runs in Node and inside workerd (Web Crypto only, no `node:*` imports).
 */

/** The visit both apps run: one audio URL the sandbox maps to a fixture. */
export const PARITY_AUDIO_URL = "https://media.example.com/visits/visit-02-knee-sprain.mp3";

/**
 * The one config both apps run with (the CLI's `--config` file, the edge API's `SOAP_CONFIG`): a
 * non-default template and transcription choices, with redaction left to the config defaults (the
 * HIPAA Safe Harbor preset), so that the default redaction each app derives is part of what is compared.
 */
export const PARITY_CONFIG = {
  template: "soap-sectioned@1",
  transcription: {
    keyterms_prompt: ["ibuprofen", "knee sprain", "MRI"],
    domain: "medical-v1",
  },
} as const;

/** Create parameters that name where AssemblyAI calls back: an app's delivery, not its plan. */
const DELIVERY_PARAMS = /^webhook_/;

/** One chat message as compared: its role and a digest of its content. */
export interface ParityMessage {
  role: string;
  /** Characters of the content (a length, no text). */
  length: number;
  sha256: string;
}

/** What one app did with the visit. Every field but `app` must be equal between the apps. */
export interface ParityRecord {
  app: "cli" | "edge";
  /** Transcripts the app created for the visit (1 expected). */
  transcriptsCreated: number;
  /** `POST /v2/transcript` body without the `webhook_*` fields, canonical (keys sorted). */
  create: Record<string, unknown>;
  /** SHA-256 of the canonical JSON of `create`. */
  createSha256: string;
  /** `note.provenance.template`: exact `id@version` and content hash. */
  template: { ref: string; hash: string };
  /** `note.provenance.transcript_mode` (null when the note has none). */
  transcriptMode: string | null;
  /** `note.provenance.model`. */
  model: string;
  /** `note.provenance.mode` (the template's mode; null when absent). */
  mode: string | null;
  /** `note.provenance.redaction`: whether and how the transcript was redacted (policy names only). */
  redaction: unknown;
  /** The gateway chat requests, in order: whether each named a transcript id, and its messages by digest. */
  chat: { requests: { byTranscriptId: boolean; messages: ParityMessage[] }[]; sha256: string };
  /** `note.sections`: a digest of its JSON as the app returned it, and one of each section's canonical JSON. */
  sections: {
    /** SHA-256 of `JSON.stringify(note.sections)` exactly as the app gave it (key order included). */
    jsonSha256: string;
    /** Per section: statement count and SHA-256 of its canonical JSON. */
    each: Record<string, { statements: number; sha256: string }>;
  };
}

/**
 * JSON with object keys sorted at every level (arrays keep their order; `undefined` members are
 * dropped, as `JSON.stringify` does), so equal values give equal text whatever the key order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** SHA-256 hex digest of a string's UTF-8 bytes (Web Crypto: Node and workerd). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A create request's parameters as compared: without `webhook_*` (and null members), keys sorted. */
export function normaliseCreateParams(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept = Object.entries(params).filter(([k, v]) => !DELIVERY_PARAMS.test(k) && v !== null && v !== undefined);
  return sortKeys(Object.fromEntries(kept)) as Record<string, unknown>;
}

/** What a parity record is built from: the sandbox's record of the app's requests and the app's note. */
export interface ParityInput {
  app: ParityRecord["app"];
  /** Create parameters of every transcript the sandbox holds for this visit (`state.transcripts` → `params`). */
  transcripts: readonly Readonly<Record<string, unknown>>[];
  /** The sandbox's `state.chatRequests` of this visit. */
  chatRequests: readonly { transcriptId: string | null; messages: readonly { role: string; content: string }[] }[];
  /** The note the app returned (the CLI's `--format json`, the edge API's `note`). */
  note: unknown;
}

interface NoteShape {
  sections: Record<string, { statements?: unknown[] }>;
  provenance: {
    template: { ref: string; hash: string };
    transcript_mode?: string;
    model: string;
    mode?: string;
    redaction?: unknown;
  };
}

function isNote(note: unknown): note is NoteShape {
  if (note === null || typeof note !== "object") return false;
  const n = note as Partial<NoteShape>;
  return typeof n.sections === "object" && n.sections !== null && typeof n.provenance?.template?.ref === "string";
}

/**
 * Builds one app's parity record.
 * @throws {Error} when the visit made no transcript or the note has no sections/provenance (the
 *   message names what is missing, never a value).
 */
export async function buildParityRecord(input: ParityInput): Promise<ParityRecord> {
  const first = input.transcripts[0];
  if (first === undefined) throw new Error(`${input.app}: the sandbox holds no transcript for the visit`);
  if (!isNote(input.note)) throw new Error(`${input.app}: the note has no sections or no provenance.template`);
  const note = input.note;
  const create = normaliseCreateParams(first);

  const requests = await Promise.all(
    input.chatRequests.map(async (r) => ({
      byTranscriptId: r.transcriptId !== null,
      messages: await Promise.all(r.messages.map(async (m) => ({ role: m.role, length: m.content.length, sha256: await sha256Hex(m.content) }))),
    })),
  );
  const allMessages = input.chatRequests.map((r) => r.messages.map((m) => ({ role: m.role, content: m.content })));

  const each: ParityRecord["sections"]["each"] = {};
  for (const [name, section] of Object.entries(note.sections)) {
    each[name] = { statements: Array.isArray(section.statements) ? section.statements.length : -1, sha256: await sha256Hex(canonicalJson(section)) };
  }

  const p = note.provenance;
  return {
    app: input.app,
    transcriptsCreated: input.transcripts.length,
    create,
    createSha256: await sha256Hex(canonicalJson(create)),
    template: { ref: p.template.ref, hash: p.template.hash },
    transcriptMode: p.transcript_mode ?? null,
    model: p.model,
    mode: p.mode ?? null,
    redaction: sortKeys(p.redaction ?? null),
    chat: { requests, sha256: await sha256Hex(canonicalJson(allMessages)) },
    sections: { jsonSha256: await sha256Hex(JSON.stringify(note.sections)), each },
  };
}

/**
 * Every field where two apps' records differ, as `path: <a app> <value> ≠ <b app> <value>` lines in
 * the record's field order (values are non-PHI by construction: names, counts, digests). `app` is not
 * compared.
 * @example parityDifferences(cli, edge) // ["create.redact_pii_policies: cli [\"person_name\"] ≠ edge [...]"]
 */
export function parityDifferences(a: ParityRecord, b: ParityRecord): string[] {
  const out: string[] = [];
  const { app: _a, ...left } = a;
  const { app: _b, ...right } = b;
  walk(left, right, "", out, a.app, b.app);
  return out;
}

function show(value: unknown): string {
  return value === undefined ? "(absent)" : JSON.stringify(sortKeys(value));
}

function walk(a: unknown, b: unknown, path: string, out: string[], nameA: string, nameB: string): void {
  const bothObjects = a !== null && b !== null && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b);
  // Arrays of scalars (policy lists, speech models, key terms) are reported whole: clearer than by index.
  const scalarArrays = Array.isArray(a) && Array.isArray(b) && [...a, ...b].every((v) => v === null || typeof v !== "object");
  if (bothObjects && !scalarArrays) {
    const keys = Array.isArray(a)
      ? Array.from({ length: Math.max(a.length, (b as unknown[]).length) }, (_, i) => String(i))
      : [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const sub = Array.isArray(a) ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;
      walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], sub, out, nameA, nameB);
    }
    return;
  }
  if (canonicalJson(a) !== canonicalJson(b)) {
    out.push(`${path || "(record)"}: ${nameA} ${show(a)} ≠ ${nameB} ${show(b)}`);
  }
}

/**
 * The parity verdict over the records found in the reports: the differences between the CLI's and
 * the edge API's record, or what is missing (no record, or more than one, from an app).
 */
export function parityProblems(records: readonly ParityRecord[]): string[] {
  const byApp = (app: ParityRecord["app"]): ParityRecord[] => records.filter((r) => r.app === app);
  const problems: string[] = [];
  for (const app of ["cli", "edge"] as const) {
    const found = byApp(app).length;
    if (found === 0) problems.push(`no parity record from the ${app === "cli" ? "CLI (src/parity/parity-cli.chaos.test.ts)" : "edge API (src/edge/parity.chaos.test.ts)"}: did its test run and pass?`);
    else if (found > 1) problems.push(`${found} parity records from the ${app}, expected 1`);
  }
  if (problems.length > 0) return problems;
  const [cli] = byApp("cli");
  const [edge] = byApp("edge");
  return cli && edge ? parityDifferences(cli, edge) : problems;
}
