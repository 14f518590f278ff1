// The review page is opt-in: a caller that imports toMarkdown (or renderNote) from the export entry
// must not bundle the page's script, style and renderer.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("../index.ts", import.meta.url));

async function bundle(names: string): Promise<string> {
  const result = await build({
    stdin: { contents: `import { ${names} } from ${JSON.stringify(entry)};\nexport const used = [${names}];`, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    platform: "neutral",
    format: "esm",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

describe("the export entry's tree-shaking", () => {
  it("leaves the review page out of a bundle that only renders Markdown, JSON or FHIR", async () => {
    const code = await bundle("toMarkdown, renderNote");
    expect(code).toContain("SOAP note");
    expect(code).not.toContain("data-targets");
    expect(code).not.toContain("scrollIntoView");
  });

  it("bundles it for a caller of toReviewHtml", async () => {
    const code = await bundle("toReviewHtml");
    expect(code).toContain("scrollIntoView");
  });
});
