import { readFile } from "node:fs/promises";
import { basename, dirname, extname, resolve } from "node:path";
import { InputError } from "../../errors/cli-errors.js";
import { readTranscriptFile, type TranscriptFileContent } from "../../io/visit-input.js";
import { pick, readTable, type TableRow } from "./records.js";

/** ACI-BENCH's citation and licence, kept with anything derived from it. */
export const ACI_BENCH_ATTRIBUTION =
  'ACI-BENCH: Yim, Fu, Ben Abacha, Snider, Lin, Yetisgen, "ACI-BENCH: a Novel Ambient Clinical Intelligence Dataset for Benchmarking Automatic Visit Note Generation", Nature Scientific Data 2023; CC BY 4.0';

/** One visit of an evaluation dataset: what to write a note from, and the reference note. */
export interface EvalVisit {
  id: string;
  /** Where it is in the file, for messages. */
  where: string;
  /** The dialogue or transcript to write a note from (absent when only references are given). */
  input?: TranscriptFileContent;
  reference?: string;
}

/** An evaluation dataset. */
export interface EvalDataset {
  name: string;
  attribution?: string;
  visits: EvalVisit[];
}

const ID_COLUMNS = ["id", "encounter_id"];
const DIALOGUE_COLUMNS = ["dialogue", "src"];
const REFERENCE_COLUMNS = ["reference_note", "note", "tgt"];

/** ACI-BENCH's `file` ("D2N068-virtassist") names the encounter its prediction files use ("D2N068"). */
function acIdOf(item: Record<string, unknown>): string | undefined {
  if (typeof item["encounter_id"] === "string" && item["encounter_id"] !== "") return item["encounter_id"];
  if (typeof item["id"] === "string" && item["id"] !== "") return item["id"];
  if (typeof item["file"] === "string" && item["file"] !== "") return item["file"].split("-")[0];
  return undefined;
}

function fromJson(text: string, name: string): EvalDataset {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(`${name} is not valid JSON; give ACI-BENCH's JSON ({"data": [{"src", "tgt", "file"}…]}), a CSV or a JSON lines file`);
  }
  const items = Array.isArray(raw) ? raw : (raw as { data?: unknown } | null)?.data;
  if (!Array.isArray(items)) throw new InputError(`${name}: expected ACI-BENCH's shape, {"data": [ {"src": dialogue, "tgt": reference note, "file": id}, … ]}`);
  const visits = items.map((item: unknown, i): EvalVisit => {
    const where = `${name} data[${i}]`;
    if (item === null || typeof item !== "object") throw new InputError(`${where}: expected an object with src and tgt`);
    const o = item as Record<string, unknown>;
    if (typeof o["tgt"] !== "string") throw new InputError(`${where}: no "tgt" (the reference note) as text`);
    if (o["src"] !== undefined && typeof o["src"] !== "string") throw new InputError(`${where}: "src" (the dialogue) must be text`);
    const src = o["src"] as string | undefined;
    return { id: acIdOf(o) ?? `row-${i + 1}`, where, reference: o["tgt"], ...(src !== undefined && src.trim() !== "" ? { input: { kind: "transcript_text", text: src } } : {}) };
  });
  return { name, attribution: ACI_BENCH_ATTRIBUTION, visits };
}

async function readText(path: string, what: string, where: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new InputError(`${where}: cannot read the ${what} ${path} (${(err as NodeJS.ErrnoException).code ?? "error"})`, { cause: err });
  }
}

async function fromRow(row: TableRow, name: string, baseDir: string): Promise<EvalVisit> {
  const where = `${name} line ${row.line}`;
  const id = pick(row, ID_COLUMNS, name);
  if (id === undefined) throw new InputError(`${where}: no id (give an id or encounter_id column)`);
  const visit: EvalVisit = { id, where };
  const dialogue = pick(row, DIALOGUE_COLUMNS, name);
  const transcriptFile = pick(row, ["transcript_file"], name);
  if (dialogue !== undefined) visit.input = { kind: "transcript_text", text: dialogue };
  else if (transcriptFile !== undefined) {
    try {
      visit.input = await readTranscriptFile(resolve(baseDir, transcriptFile));
    } catch (err) {
      if (err instanceof InputError) throw new InputError(`${where}: ${err.message}`, { cause: err });
      throw err;
    }
  }
  const reference = pick(row, REFERENCE_COLUMNS, name);
  const referenceFile = pick(row, ["reference_file"], name);
  if (reference !== undefined) visit.reference = reference;
  else if (referenceFile !== undefined) visit.reference = await readText(resolve(baseDir, referenceFile), "reference note", where);
  return visit;
}

/**
 * Reads an evaluation dataset: ACI-BENCH's JSON as published (`{"data": [{src, tgt, file}]}`; the
 * id is the encounter, `D2N068`, as in its prediction files), its CSV as published (`encounter_id`,
 * `dialogue`, `note`), or a manifest (CSV or JSON lines) with an `id`, a dialogue (`dialogue` text,
 * or `transcript_file`, relative to the manifest) and a reference (`reference_note` text, or
 * `reference_file`), and optionally an `attribution` the report repeats. Ids must be unique.
 * @throws {InputError} naming the file, the line or item, and what is wrong.
 */
export async function loadDataset(path: string): Promise<EvalDataset> {
  const name = basename(path);
  const text = await readText(path, "dataset", "eval");
  const ext = extname(path).toLowerCase();
  let dataset: EvalDataset;
  if (ext === ".json") dataset = fromJson(text, name);
  else if (ext === ".csv" || ext === ".jsonl" || ext === ".ndjson") {
    const rows = readTable(text, ext === ".csv" ? "csv" : "jsonl", name);
    if (rows.length === 0) throw new InputError(`${name} has no rows`);
    const visits = [];
    for (const row of rows) visits.push(await fromRow(row, name, dirname(path)));
    const aci = rows.some((r) => r.values["encounter_id"] !== undefined && (r.values["dialogue"] !== undefined || r.values["note"] !== undefined));
    // A row may state where its data comes from; the report keeps it (a licence may require that).
    const stated = rows.map((r) => pick(r, ["attribution"], name)).find((a) => a !== undefined);
    const attribution = stated ?? (aci ? ACI_BENCH_ATTRIBUTION : undefined);
    dataset = { name, ...(attribution !== undefined ? { attribution } : {}), visits };
  } else throw new InputError(`cannot tell what ${path} is: give ACI-BENCH's .json, a .csv or a .jsonl file`);
  const seen = new Map<string, string>();
  for (const v of dataset.visits) {
    const first = seen.get(v.id);
    if (first !== undefined) throw new InputError(`${v.where}: id ${v.id} again (first at ${first}); ids must be unique`);
    seen.set(v.id, v.where);
  }
  return dataset;
}
