import { describe, expect, it } from "vitest";
import { prefersHtml, reviewErrorHtml } from "./review-error-page.js";

describe("the review routes' error page", () => {
  it("is chosen for a browser's Accept header, not for API clients", () => {
    expect(prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).toBe(true);
    expect(prefersHtml("application/json")).toBe(false);
    expect(prefersHtml("application/json, text/html")).toBe(false);
    expect(prefersHtml("*/*")).toBe(false);
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml("TEXT/HTML; q=1")).toBe(true);
  });

  it("escapes the message and the request id, and names the status", () => {
    const html = reviewErrorHtml(409, 'The note is not ready (status: <b>"x"</b>).', "req-<1>");
    expect(html).toContain("<h1>This note is not ready</h1>");
    expect(html).toContain("The note is not ready (status: &#60;b&#62;&#34;x&#34;&#60;/b&#62;).");
    expect(html).toContain("Request id: <code>req-&#60;1&#62;</code>");
    expect(html).not.toContain("<b>");
    expect(reviewErrorHtml(503, "Internal error.", undefined)).toContain("<h1>Something went wrong</h1>");
  });
});
