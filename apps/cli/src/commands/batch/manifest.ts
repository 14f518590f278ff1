import { basename, extname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { idFromName } from "../../visit/visit-id.js";
import { CsvSyntaxError, parseCsv } from "./csv.js";

/** Where one visit's input comes from. */
export type VisitSource =
  | { kind: "audio_file"; path: string }
  | { kind: "audio_url"; url: string }
  | { kind: "transcript_id"; transcriptId: string }
  | { kind: "transcript_file"; path: string };

/** One visit of a batch. */
export interface VisitSpec {
  /** File-name-safe id; outputs are `<id>.md`, `<id>.json`… */
  id: string;
  source: VisitSource;
  /** Template spec for this visit only (`id@version`), overriding the run's. */
  template?: string;
  /** The row states its text dialogue is already de-identified (`true`) or not (`false`), over `--deidentified`. */
  deidentified?: boolean;
  /** The manifest line it came from (1-based), for messages. */
  line?: number;
}

/** A manifest row that cannot be used; the message starts with `manifest line N:`. */
export class ManifestError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(`manifest line ${line}: ${message}`);
    this.name = "ManifestError";
    this.line = line;
  }
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const optionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? undefined : String(v).trim() || undefined));

/** A manifest row (CSV columns or JSONL keys). Unknown columns are ignored. */
const rowSchema = z.object({
  id: optionalText,
  audio: optionalText,
  audio_url: optionalText,
  transcript_id: optionalText,
  transcript_file: optionalText,
  template: optionalText,
  deidentified: z
    .union([z.boolean(), z.string(), z.number(), z.null()])
    .optional()
    .transform((v, ctx) => {
      if (v === null || v === undefined || v === true || v === false) return v ?? undefined;
      const text = String(v).trim().toLowerCase();
      if (text === "") return undefined;
      if (["yes", "true", "1", "y"].includes(text)) return true;
      if (["no", "false", "0", "n"].includes(text)) return false;
      ctx.addIssue({ code: "custom", message: `must be yes or no (true/false, 1/0), got "${String(v).slice(0, 20)}"` });
      return z.NEVER;
    }),
});

const ALIASES: Record<string, keyof z.input<typeof rowSchema>> = {
  id: "id",
  visit_id: "id",
  slug: "id",
  audio: "audio",
  audio_file: "audio",
  audio_path: "audio",
  file: "audio",
  path: "audio",
  audio_url: "audio_url",
  url: "audio_url",
  transcript_id: "transcript_id",
  transcript_file: "transcript_file",
  transcript: "transcript_file",
  template: "template",
  deidentified: "deidentified",
  de_identified: "deidentified",
};

function normaliseKeys(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const canonical = ALIASES[key.trim().toLowerCase()];
    if (canonical !== undefined && out[canonical] === undefined) out[canonical] = value;
  }
  return out;
}

function isUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** Turns one validated row into a visit, resolving relative paths against `baseDir`. */
function toVisit(row: z.output<typeof rowSchema>, line: number, baseDir: string): VisitSpec {
  const sources: VisitSource[] = [];
  if (row.audio !== undefined) {
    if (/^http:\/\//i.test(row.audio)) throw new ManifestError(line, `audio URLs must start with https:// (got "${row.audio.slice(0, 60)}")`);
    sources.push(isUrl(row.audio) ? { kind: "audio_url", url: row.audio } : { kind: "audio_file", path: resolvePath(baseDir, row.audio) });
  }
  if (row.audio_url !== undefined) {
    if (!/^https:\/\//i.test(row.audio_url)) throw new ManifestError(line, `audio_url must start with https:// (got "${row.audio_url.slice(0, 60)}")`);
    sources.push({ kind: "audio_url", url: row.audio_url });
  }
  if (row.transcript_id !== undefined) sources.push({ kind: "transcript_id", transcriptId: row.transcript_id });
  if (row.transcript_file !== undefined) sources.push({ kind: "transcript_file", path: resolvePath(baseDir, row.transcript_file) });
  if (sources.length === 0) {
    throw new ManifestError(line, "no input: give one of the columns audio, audio_url, transcript_id, transcript_file");
  }
  if (sources.length > 1) {
    throw new ManifestError(line, "more than one input: give only one of audio, audio_url, transcript_id, transcript_file");
  }
  const source = sources[0] as VisitSource;
  const id = row.id ?? idFromName(source.kind === "transcript_id" ? source.transcriptId : source.kind === "audio_url" ? source.url : source.path);
  if (!ID_PATTERN.test(id)) {
    throw new ManifestError(line, `id "${id.slice(0, 60)}" may only contain letters, digits, ".", "_" and "-" (and start with a letter or digit)`);
  }
  if (row.deidentified !== undefined && source.kind !== "transcript_file") {
    throw new ManifestError(line, "deidentified is a statement about a text dialogue: give it only on transcript_file rows (audio is redacted by AssemblyAI)");
  }
  const visit: VisitSpec = { id, source, line };
  if (row.template !== undefined) visit.template = row.template;
  if (row.deidentified !== undefined) visit.deidentified = row.deidentified;
  return visit;
}

function resolvePath(baseDir: string, p: string): string {
  return isAbsolute(p) ? p : resolve(baseDir, p);
}

/**
 * Ids name output files, and macOS and Windows file systems ignore case: `V1` and `v1` would be one
 * file there. So ids must differ by more than case, on every system.
 */
function checkUnique(visits: VisitSpec[]): VisitSpec[] {
  const seen = new Map<string, VisitSpec>();
  for (const v of visits) {
    const key = v.id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      const where = first.line !== undefined ? `line ${first.line}` : "an earlier row";
      if (first.id === v.id) throw new ManifestError(v.line ?? 0, `id "${v.id}" repeats ${where}; ids name output files and must be unique`);
      throw new ManifestError(
        v.line ?? 0,
        `id "${v.id}" differs from id "${first.id}" on ${where} only by case; ids name output files, and macOS and Windows would write both to one file: rename one`,
      );
    }
    seen.set(key, v);
  }
  return visits;
}

function parseRow(raw: Record<string, unknown>, line: number, baseDir: string): VisitSpec {
  const result = rowSchema.safeParse(normaliseKeys(raw));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ManifestError(line, `${issue?.path.join(".") || "row"}: ${issue?.message ?? "invalid"}`);
  }
  return toVisit(result.data, line, baseDir);
}

/**
 * Parses a CSV manifest: a header row naming the columns (`id`, `audio`, `audio_url`,
 * `transcript_id`, `transcript_file`, `template`, `deidentified`; unknown columns ignored), then one
 * visit a row.
 * Throws {@link ManifestError} naming the line of the first unusable row.
 */
export function parseCsvManifest(text: string, baseDir: string): VisitSpec[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ManifestError(err.line, err.message);
    throw err;
  }
  const [header, ...rows] = records;
  if (header === undefined) throw new ManifestError(1, "the manifest is empty; it needs a header row such as id,audio");
  const names = header.fields.map((f) => f.trim().toLowerCase());
  if (!names.some((n) => ALIASES[n] !== undefined && ALIASES[n] !== "id" && ALIASES[n] !== "template" && ALIASES[n] !== "deidentified")) {
    throw new ManifestError(header.line, `the header row names no input column (found: ${names.join(",").slice(0, 80)}); add audio, audio_url, transcript_id or transcript_file`);
  }
  if (rows.length === 0) throw new ManifestError(header.line, "the manifest has a header but no visits");
  const visits = rows.map((r) => {
    if (r.fields.length > names.length) throw new ManifestError(r.line, `${r.fields.length} fields but the header has ${names.length}; quote fields that contain commas`);
    const raw: Record<string, unknown> = {};
    names.forEach((n, i) => {
      raw[n] = r.fields[i] ?? "";
    });
    return parseRow(raw, r.line, baseDir);
  });
  return checkUnique(visits);
}

/** Parses a JSON lines manifest: one object per line with the CSV's column names as keys. */
export function parseJsonlManifest(text: string, baseDir: string): VisitSpec[] {
  const visits: VisitSpec[] = [];
  const lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
  lines.forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === "") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      throw new ManifestError(line, "not valid JSON; each line must be one object such as {\"id\":\"v1\",\"audio\":\"v1.mp3\"}");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ManifestError(line, "expected a JSON object such as {\"id\":\"v1\",\"audio\":\"v1.mp3\"}");
    }
    visits.push(parseRow(parsed as Record<string, unknown>, line, baseDir));
  });
  if (visits.length === 0) throw new ManifestError(1, "the manifest has no visits");
  return checkUnique(visits);
}

/** Audio file extensions picked up when the batch input is a folder. */
export const AUDIO_EXTENSIONS = [".mp3", ".wav", ".m4a", ".mp4", ".aac", ".ogg", ".oga", ".opus", ".flac", ".webm", ".aiff", ".aif", ".amr"];

/** The visits of a folder: each audio file (by extension) in it, sorted by name, id = base name. */
export function visitsFromFolder(dir: string, fileNames: readonly string[]): VisitSpec[] {
  const visits = [...fileNames]
    .filter((n) => !n.startsWith(".") && AUDIO_EXTENSIONS.includes(extname(n).toLowerCase()))
    .sort()
    .map((n) => ({ id: idFromName(n), source: { kind: "audio_file", path: resolve(dir, n) } as VisitSource }));
  const seen = new Map<string, VisitSpec>();
  for (const v of visits) {
    const first = seen.get(v.id.toLowerCase());
    if (first !== undefined) {
      const fileOf = (x: VisitSpec): string => (x.source.kind === "audio_file" ? basename(x.source.path) : x.id);
      const files = `${fileOf(first)} and ${fileOf(v)}`;
      if (first.id === v.id) throw new ManifestError(0, `two audio files share the id "${v.id}" (${files}); rename one`);
      throw new ManifestError(0, `two audio files have ids that differ only by case, "${first.id}" and "${v.id}" (${files}); macOS and Windows would write both notes to one file: rename one`);
    }
    seen.set(v.id.toLowerCase(), v);
  }
  return visits;
}
