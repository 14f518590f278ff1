import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeXhtml } from "./xhtml.js";

describe("escapeXhtml", () => {
  it("escapes the five XML specials", () => {
    expect(escapeXhtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("drops characters XML forbids and keeps astral characters", () => {
    expect(escapeXhtml("a\u0000b\u0007c\ud800d\u{1F600}\te")).toBe("abcd\u{1F600}\te");
  });

  it("never leaves a raw special or a bare ampersand in its output", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        const out = escapeXhtml(s);
        expect(out).not.toMatch(/[<>"']/);
        expect(out).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
      }),
    );
  });
});
