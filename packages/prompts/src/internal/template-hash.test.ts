import { describe, expect, it } from "vitest";
import { listTemplates } from "./registry.js";
import { canonicalTemplate, templateHash } from "./template-hash.js";
import type { RenderedRequest, SoapTemplate } from "./types.js";

const [first] = listTemplates() as [SoapTemplate];

/** A copy of a template whose rendered requests are changed by `edit`. */
function edited(t: SoapTemplate, edit: (r: RenderedRequest) => RenderedRequest): SoapTemplate {
  return { ...t, render: (i) => t.render(i).map(edit), renderSection: (i, s) => edit(t.renderSection(i, s)) };
}

describe("templateHash", () => {
  it("is sha256: and 64 hex digits, and the same on every call", async () => {
    const h = await templateHash(first);
    expect(h).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await templateHash(first)).toBe(h);
  });

  it("differs between the shipped templates", async () => {
    const hashes = await Promise.all(listTemplates().map(templateHash));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("changes when one character of a message, max_tokens, the version or the response format changes", async () => {
    const base = await templateHash(first);
    const variants: SoapTemplate[] = [
      edited(first, (r) => ({ ...r, messages: r.messages.map((m, i) => (i === 0 ? { ...m, content: `${m.content}.` } : m)) })),
      edited(first, (r) => ({ ...r, max_tokens: r.max_tokens + 1 })),
      edited(first, (r) => ({ ...r, response_format: { type: "json_schema", json_schema: { name: "x", schema: {} } } })),
      { ...first, version: "9.9.9" },
      { ...first, maxTokens: first.maxTokens + 1 },
    ];
    for (const v of variants) expect(await templateHash(v)).not.toBe(base);
  });

  it("does not depend on the description", async () => {
    expect(await templateHash({ ...first, description: "reworded" })).toBe(await templateHash(first));
  });

  it("hashes what the template renders in both transcript modes", () => {
    const canonical = canonicalTemplate(first);
    expect(canonical).toContain("{{ transcript }}");
    expect(canonical).toContain('"transcript_id":"probe-transcript-id"');
    expect(canonical).toContain("&lt;/transcript&gt;"); // inline text, neutralised
  });
});
