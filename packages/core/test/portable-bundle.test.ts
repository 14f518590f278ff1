// The package must run unchanged on Workers and browsers: bundle the public entry for the
// "neutral" platform (no Node built-ins resolvable) and check nothing Node-only slipped in.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe("portable bundle", () => {
  it.each(["index.ts", "eval/index.ts"])("bundles src/%s for a neutral platform with no Node built-ins or globals", async (entry) => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL(`../src/${entry}`, import.meta.url))],
      bundle: true,
      platform: "neutral",
      format: "esm",
      mainFields: ["module", "main"],
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => p.startsWith("node:"))).toEqual([]);
    expect(code).not.toMatch(/\bfrom\s+["']node:/);
    expect(code).not.toMatch(/\bprocess\.env\b/);
    expect(code).not.toMatch(/\bBuffer\.from\b/);
  });
});
