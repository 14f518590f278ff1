import { describe, expect, it } from "vitest";
import { formatBytes, formatMs, formatRatio } from "./format.js";
import { notMeasured, type BenchRow } from "./result.js";
import { escapeCell, renderMarkdownTable, renderTextTable, TABLE_HEADERS } from "./table.js";

const row: BenchRow = { id: "B2", name: "B2 sections", ours: "1.7 s", baseline: "6.4 s", limit: "1.6 s", ratio: "ours/call 1.06", target: "<= 1.1", met: true };

describe("renderTextTable", () => {
  it("aligns every column to its widest cell", () => {
    const lines = renderTextTable([row, { ...row, name: "a much longer benchmark name", met: false }]).split("\n");
    const oursAt = (lines[0] as string).indexOf("ours");
    expect(lines).toHaveLength(4);
    expect((lines[2] as string).indexOf("1.7 s")).toBe(oursAt);
    expect((lines[3] as string).indexOf("1.7 s")).toBe(oursAt);
    expect(lines[3]).toMatch(/NO$/);
  });
  it("says 'not measured' in the met column for a row that could not run", () => {
    expect(renderTextTable([notMeasured("B6", "B6 cold start", "<= 2.5", "no CLI build")])).toMatch(/not measured\s*$/);
  });
});

describe("renderMarkdownTable", () => {
  it("has the seven columns and one line per row", () => {
    const md = renderMarkdownTable([row, row]).split("\n");
    expect(md[0]).toBe(`| ${TABLE_HEADERS.join(" | ")} |`);
    expect(md).toHaveLength(4);
    expect(md[2]).toBe("| B2 sections | 1.7 s | 6.4 s | 1.6 s | ours/call 1.06 | <= 1.1 | yes |");
  });
  it("escapes pipes and newlines so a cell cannot break the table", () => {
    expect(escapeCell("a|b\nc")).toBe("a\\|b c");
  });
});

describe("formatting", () => {
  it("prints milliseconds below 10 s and seconds above", () => {
    expect(formatMs(812.4)).toBe("812 ms");
    expect(formatMs(12_345)).toBe("12.35 s");
  });
  it("prints bytes in B, KiB and MiB", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(64 * 1024 * 1024)).toBe("64.00 MiB");
  });
  it("prints n/a for a missing ratio", () => {
    expect(formatRatio(null)).toBe("n/a");
    expect(formatRatio(1.0594)).toBe("1.059");
  });
});
