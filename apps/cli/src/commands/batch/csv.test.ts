import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv } from "./csv.js";

describe("parseCsv", () => {
  it("reads fields, quoted commas, escaped quotes and CRLF", () => {
    expect(parseCsv('id,audio\r\na,"x, y.mp3"\r\n"b ""q""",z\r\n')).toEqual([
      { line: 1, fields: ["id", "audio"] },
      { line: 2, fields: ["a", "x, y.mp3"] },
      { line: 3, fields: ['b "q"', "z"] },
    ]);
  });

  it("keeps line numbers right across blank lines and multi-line fields", () => {
    const records = parseCsv('id,note\n\na,"two\nlines"\nb,c');
    expect(records.map((r) => r.line)).toEqual([1, 3, 5]);
    expect(records[1]?.fields[1]).toBe("two\nlines");
  });

  it("strips a BOM and keeps trailing empty fields", () => {
    expect(parseCsv("\ufeffid,audio,template\na,b,\n")).toEqual([
      { line: 1, fields: ["id", "audio", "template"] },
      { line: 2, fields: ["a", "b", ""] },
    ]);
  });

  it("names the line of an unclosed quote", () => {
    expect(() => parseCsv('id\na\n"b\nc')).toThrow(CsvSyntaxError);
    try {
      parseCsv('id\na\n"b\nc');
    } catch (err) {
      expect((err as CsvSyntaxError).line).toBe(3);
    }
  });

  it("round-trips any table written with RFC 4180 quoting", () => {
    const cell = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((n) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 5 })), (rows) => {
        fc.pre(rows.every((r) => !(r.length === 1 && r[0] === "")));
        const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
        const text = rows.map((r) => r.map(quote).join(",")).join("\r\n");
        expect(parseCsv(text).map((r) => r.fields)).toEqual(rows);
      }),
    );
  });
});
