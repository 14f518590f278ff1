import { readFile, stat } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import { armOf, type EvalInput } from "@org/soap-core/eval";
import { InputError, UsageError } from "../../errors/cli-errors.js";
import { readNoteFolder } from "./notes-folder.js";
import { pick, readTable } from "./records.js";

const ID_COLUMNS = ["id", "encounter_id"];
const TEXT_COLUMNS = ["note", "prediction", "text"];

/** Notes to score without generating them: one system's predictions or a folder of our notes. */
export interface Predictions {
  /** Where they came from, for messages. */
  source: string;
  /** The notes, each with its arm (without a reference yet). */
  items: Omit<EvalInput, "reference">[];
}

/**
 * Reads `--predictions <spec>`: `name=path` or `path`. A folder holds our note JSON (a batch's
 * output; each note's arm is its template, or `name`); a CSV or JSON lines file holds another
 * system's notes as an id (`id` or `encounter_id`) and the note's text (`note`, `prediction` or
 * `text`): ACI-BENCH's published prediction CSVs load as they are. Its arm is `name`, else the
 * file's name.
 * @throws {InputError} naming the file, the line and the missing column.
 */
export async function loadPredictions(spec: string, cwd: string): Promise<Predictions> {
  const eq = spec.indexOf("=");
  const named = eq > 0 && !spec.slice(0, eq).includes("/") ? spec.slice(0, eq) : undefined;
  const path = resolve(cwd, named !== undefined ? spec.slice(eq + 1) : spec);
  let isDir;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new UsageError(`--predictions: ${path} not found (give a CSV or JSON lines file of id and note, or a folder of note JSON)`);
  }
  if (isDir) {
    const notes = await readNoteFolder(path);
    return { source: path, items: notes.map((n) => ({ id: n.id, arm: named ?? armOf(n.note), note: n.note })) };
  }
  const ext = extname(path).toLowerCase();
  if (ext !== ".csv" && ext !== ".jsonl" && ext !== ".ndjson") throw new UsageError(`--predictions: cannot tell what ${path} is; give a .csv or .jsonl file (columns id or encounter_id, and note) or a folder of note JSON`);
  const name = basename(path);
  const rows = readTable(await readFile(path, "utf8"), ext === ".csv" ? "csv" : "jsonl", name);
  if (rows.length === 0) throw new InputError(`${name} has no predictions`);
  const arm = named ?? basename(path, extname(path));
  const seen = new Map<string, number>();
  const items = rows.map((row) => {
    const id = pick(row, ID_COLUMNS, name);
    if (id === undefined) throw new InputError(`${name} line ${row.line}: no id (give an id or encounter_id column)`);
    const text = pick(row, TEXT_COLUMNS, name);
    if (text === undefined) throw new InputError(`${name} line ${row.line}: no note text (give a note, prediction or text column)`);
    const first = seen.get(id);
    if (first !== undefined) throw new InputError(`${name} line ${row.line}: id ${id} again (first on line ${first}); one note per visit`);
    seen.set(id, row.line);
    return { id, arm, text };
  });
  return { source: path, items };
}
