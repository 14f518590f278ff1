import { CsvError, type InfoRecord, parse } from "csv-parse/sync";

/** One parsed CSV record with the (1-based) line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV syntax error at a line. */
export class CsvSyntaxError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.name = "CsvSyntaxError";
    this.line = line;
  }
}

/** Where the last emitted record ended: its last line and csv-parse's count of blank lines up to it. */
interface Position {
  endLine: number;
  emptyLines: number;
  /** CRLFs inside quoted fields so far, each counted as two lines by csv-parse (see {@link quotedCrlfs}). */
  overcount: number;
}

/**
 * csv-parse (7.0.3) counts the CR and the LF of a CRLF inside a quoted field as two lines; this counts
 * such CRLFs in a record's raw text (whole, or cut short by an error) so that line numbers stay exact.
 * They are the CRLFs after its first quote: before it there are only unquoted fields and the blank lines
 * skipped (whose line ends csv-parse counts right, and copies to `raw` as a lone CR for a CRLF); after
 * it, a CRLF outside quotes would have ended the record.
 */
function quotedCrlfs(raw: string | undefined): number {
  const quote = raw?.indexOf('"') ?? -1;
  return raw === undefined || quote < 0 ? 0 : (raw.slice(quote).match(/\r\n/g)?.length ?? 0);
}

/** Our message for a csv-parse error (theirs quote the field's text), with how to fix it. */
function messageFor(err: CsvError): string {
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return 'a quoted field is never closed; add the closing quote (")';
    case "INVALID_OPENING_QUOTE":
      return 'a quote (") inside an unquoted field; quote the whole field and double the quotes inside it ("say ""hi""")';
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return 'unexpected text after a closing quote; a quote inside a quoted field is written twice ("")';
    default:
      return `not valid CSV (${err.code}); check the quoting of this line`;
  }
}

/**
 * The line a record starts on: the one after the previous record's last line and the blank lines
 * skipped since. (Not its last line less the line breaks in its fields: csv-parse drops whitespace
 * quoted after an empty quoted field, as in `"" "  "`, with any line breaks in it.)
 */
function startLine(at: Position, emptyLines: number): number {
  return at.endLine + 1 + (emptyLines - at.emptyLines);
}

/** The line a csv-parse error points at, corrected for CRLFs in quoted fields (see {@link quotedCrlfs}). */
function errorLine(err: CsvError, at: Position): number {
  // An unclosed quote is found at the end of the text: name the line its record starts on.
  if (err.code === "CSV_QUOTE_NOT_CLOSED") return startLine(at, typeof err["empty_lines"] === "number" ? err["empty_lines"] : at.emptyLines);
  const lines = typeof err["lines"] === "number" ? err["lines"] : at.endLine + 1;
  return lines - at.overcount - quotedCrlfs(typeof err["raw"] === "string" ? err["raw"] : undefined);
}

/**
 * Parses RFC 4180 CSV with csv-parse: comma separators, `"` quoting with `""` escapes, fields spanning
 * lines, LF, CRLF or CR line ends (mixed too), a leading BOM. Blank and whitespace-only lines are
 * skipped; whitespace around a field (outside its quotes) is dropped, so `a, "b c"` reads as `a` and
 * `b c`. Rows may have any number of fields. Throws {@link CsvSyntaxError} naming the line.
 */
export function parseCsv(text: string): CsvRecord[] {
  // The BOM is stripped here, not by csv-parse, so its count of lines starts at the first real character.
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const at: Position = { endLine: 0, emptyLines: 0, overcount: 0 };
  // With `raw` on, csv-parse hands `on_record` `{ record, raw }` rather than the fields (its types say fields).
  const onRecord = (value: string[] | { record: string[] }, info: InfoRecord): null => {
    const fields = Array.isArray(value) ? value : value.record;
    const line = startLine(at, info.empty_lines);
    at.overcount += quotedCrlfs(info.raw);
    at.endLine = info.lines - at.overcount;
    at.emptyLines = info.empty_lines;
    // A line of only `""` is as blank as an empty one.
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line, fields });
    return null;
  };
  try {
    parse(src, {
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true, // the manifest compares each row with its header and says so by line
      skip_empty_lines: true,
      trim: true,
      raw: true,
      on_record: onRecord,
    });
  } catch (err) {
    if (err instanceof CsvError) throw new CsvSyntaxError(errorLine(err, at), messageFor(err));
    throw err;
  }
  return records;
}
