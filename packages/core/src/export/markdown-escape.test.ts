import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlText, renderMarkdown, withoutAutolinks } from "../internal/test-support/render-markdown.js";
import { codeSpan, escapeMarkdownBlock, escapeMarkdownInline } from "./markdown-escape.js";

// Characters that mean something in CommonMark or GFM somewhere, plus ordinary text around them.
const markdownish = fc.string({
  unit: fc.constantFrom(..."\\`*_[]()<>|~$!&#;^:-+=.1aZ /@wx".split(""), "&amp;", "&#42;", "<b>", "[^9]", "www.", "http://", "\n", "\t"),
  maxLength: 60,
});

describe("escapeMarkdownInline", () => {
  it("renders any text verbatim inside a paragraph (CommonMark + GFM, raw HTML allowed)", () => {
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ maxLength: 60 })), (s) => {
        const html = renderMarkdown(`x ${escapeMarkdownInline(s)} y`);
        expect(withoutAutolinks(html)).toBe(`<p>${htmlText(`x ${s.replace(/\s+/g, " ")} y`)}</p>`);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps emphasis, HTML, footnote calls, code, tables and backslashes out of speech", () => {
    const speech = "I take *two* <b>pills</b> [^9] `daily` | every \\ day ~~maybe~~ &amp; $5$";
    const html = renderMarkdown(`- ${escapeMarkdownInline(speech)}`);
    expect(html).not.toMatch(/<(em|strong|b|code|sup|del|table|span)\b/);
    expect(html).toContain(htmlText(speech));
  });

  it("leaves ordinary clinical text readable: no escapes for . - ( ) : / % or digits", () => {
    expect(escapeMarkdownInline("BP 120/80 (left arm), 5.5% - take 1-2 tabs: daily")).toBe("BP 120/80 (left arm), 5.5% - take 1-2 tabs: daily");
  });
});

describe("escapeMarkdownBlock", () => {
  it("renders every line of any text as paragraph text: no headings, lists, quotes, rules or code blocks", () => {
    fc.assert(
      fc.property(markdownish, (s) => {
        const html = withoutAutolinks(renderMarkdown(escapeMarkdownBlock(s)));
        const paragraphs = s
          .split(/\r?\n/)
          .map((l) => l.trim().replace(/[ \t]+/g, " "))
          .join("\n")
          .split(/\n{2,}/)
          .map((p) => p.replace(/^\n+|\n+$/g, ""))
          .filter((p) => p !== "");
        expect(html).toBe(paragraphs.map((p) => `<p>${htmlText(p)}</p>`).join("\n"));
      }),
      { numRuns: 500 },
    );
  });

  it("defuses line-start markup", () => {
    const html = renderMarkdown(escapeMarkdownBlock("# Plan\n- aspirin\n1. ibuprofen\n> quoted\n---\n    code"));
    expect(html).not.toMatch(/<(h\d|ul|ol|li|blockquote|hr|pre|code)\b/);
  });
});

describe("codeSpan", () => {
  it("shows any text verbatim as code, backticks included", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("`", "a", " ", "*", "<", "\\"), minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ""), (s) => {
        expect(renderMarkdown(`x ${codeSpan(s)}`)).toBe(`<p>x <code>${htmlText(s.replace(/\s+/g, " "))}</code></p>`);
      }),
      { numRuns: 300 },
    );
  });
});
