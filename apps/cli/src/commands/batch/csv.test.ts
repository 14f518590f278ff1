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

/** The line numbers of the records, or of the error: what a manifest message names. */
function linesOf(text: string): number[] | { error: number; message: string } {
  try {
    return parseCsv(text).map((r) => r.line);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return { error: err.line, message: err.message };
  }
}

describe("parseCsv: edge cases of csv-parse", () => {
  it("counts a CRLF inside a quoted field as one line (csv-parse alone counts two)", () => {
    expect(parseCsv('id,note\r\na,"two\r\nlines"\r\nb,c\r\n')).toEqual([
      { line: 1, fields: ["id", "note"] },
      { line: 2, fields: ["a", "two\r\nlines"] },
      { line: 4, fields: ["b", "c"] },
    ]);
    expect(linesOf('id\r\n"x\r\ny\r\nz"\r\n\r\nb"c\r\n')).toEqual({ error: 6, message: expect.stringMatching(/^a quote \("\) inside an unquoted field/) });
  });

  it("names the line an unclosed quote opens on, after multi-line fields and blank lines", () => {
    expect(linesOf('id\r\n"a\r\nb"\r\n\r\n\r\n  "c\r\nd')).toEqual({ error: 6, message: expect.stringMatching(/^a quoted field is never closed/) });
  });

  it("reads escaped quotes anywhere in a quoted field", () => {
    expect(parseCsv('""""\n"say ""hi"""\n"a""""b",""""""').map((r) => r.fields)).toEqual([['"'], ['say "hi"'], ['a""b', '""']]);
  });

  it("names the line of text after a closing quote, and of a quote in an unquoted field", () => {
    expect(linesOf('id\n"a\nb"x\n')).toEqual({ error: 3, message: expect.stringMatching(/^unexpected text after a closing quote; .*\(""\)/) });
    expect(linesOf('id\n\nab"c\n')).toEqual({ error: 3, message: expect.stringMatching(/quote the whole field/) });
  });

  it("skips empty, whitespace-only and `\"\"`-only lines, keeping the next line numbers", () => {
    expect(parseCsv('id\n\n   \n\t\n""\nb\n\n')).toEqual([
      { line: 1, fields: ["id"] },
      { line: 6, fields: ["b"] },
    ]);
  });

  it("keeps a trailing delimiter as an empty last field, and a lone comma as two", () => {
    expect(parseCsv("a,b,\n,\n").map((r) => r.fields)).toEqual([
      ["a", "b", ""],
      ["", ""],
    ]);
  });

  it("drops whitespace around fields but keeps it inside quotes", () => {
    expect(parseCsv('id , audio\n v1 , "  my visit.mp3  " \n').map((r) => r.fields)).toEqual([
      ["id", "audio"],
      ["v1", "  my visit.mp3  "],
    ]);
  });

  it("reads LF, CRLF and lone CR line ends mixed in one file", () => {
    expect(parseCsv("a\nb\r\nc\rd\n\re")).toEqual([
      { line: 1, fields: ["a"] },
      { line: 2, fields: ["b"] },
      { line: 3, fields: ["c"] },
      { line: 4, fields: ["d"] },
      { line: 6, fields: ["e"] },
    ]);
  });

  it("gives the same line numbers whatever the line-end style (LF, CRLF, CR), errors included", () => {
    const piece = fc.constantFrom("a", ",", '"', '""', " ", "\t", "\n", "\r\n", "\r", "\r\n \r\n");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        expect(linesOf(text), JSON.stringify(text)).toEqual(linesOf(text.replace(/\r\n?/g, "\n")));
      }),
      { numRuns: 2000 },
    );
  });
});
