import { CsvSyntaxError, parseCsv } from "../batch/csv.js";
import { InputError } from "../../errors/cli-errors.js";

/** One row of a CSV or JSON lines file: its (1-based) line and its values by lower-case column name. */
export interface TableRow {
  line: number;
  values: Record<string, unknown>;
}

/**
 * Rows of a CSV file (header row first) or a JSON lines file (one object per line), with column
 * names in lower case. `name` is the file's name in messages.
 * @throws {InputError} naming the file and line for bad CSV, bad JSON, or a row with more fields than the header.
 */
export function readTable(text: string, kind: "csv" | "jsonl", name: string): TableRow[] {
  return kind === "csv" ? csvRows(text, name) : jsonlRows(text, name);
}

function csvRows(text: string, name: string): TableRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new InputError(`${name} line ${err.line}: ${err.message}`, { cause: err });
    throw err;
  }
  const [header, ...rows] = records;
  if (header === undefined) throw new InputError(`${name} is empty; it needs a header row naming its columns`);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  return rows.map((r) => {
    if (r.fields.length > names.length) throw new InputError(`${name} line ${r.line}: ${r.fields.length} fields but the header has ${names.length}; quote fields that contain commas`);
    const values: Record<string, unknown> = {};
    names.forEach((n, i) => {
      const v = r.fields[i];
      if (v !== undefined && v !== "") values[n] = v;
    });
    return { line: r.line, values };
  });
}

function jsonlRows(text: string, name: string): TableRow[] {
  const rows: TableRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new InputError(`${name} line ${i + 1}: not valid JSON; each line must be one JSON object`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new InputError(`${name} line ${i + 1}: expected a JSON object`);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) values[k.toLowerCase()] = v;
    rows.push({ line: i + 1, values });
  });
  return rows;
}

/** The first of `columns` a row has, as a non-empty string; `undefined` when it has none. @throws {InputError} for a value that is not a string. */
export function pick(row: TableRow, columns: readonly string[], name: string): string | undefined {
  for (const c of columns) {
    const v = row.values[c];
    if (v === undefined || v === null || v === "") continue;
    if (typeof v === "number") return String(v);
    if (typeof v !== "string") throw new InputError(`${name} line ${row.line}: column ${c} must be text, not ${Array.isArray(v) ? "a list" : typeof v}`);
    return v;
  }
  return undefined;
}
