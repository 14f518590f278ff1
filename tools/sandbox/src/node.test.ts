import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FixtureValidationError } from "./index.js";
import { tinyFixture } from "./internal/test-support/fixtures.js";
import { DEFAULT_FIXTURES_DIR, loadFixtures } from "./node.js";

describe("loadFixtures", () => {
  it("reads <slug>.json files sorted, skipping index.json and phi-strings.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-fixtures-"));
    writeFileSync(join(dir, "b.json"), JSON.stringify(await tinyFixture("b")));
    writeFileSync(join(dir, "a.json"), JSON.stringify({ ...(await tinyFixture("a")), reference_note: "extra fields are allowed" }));
    writeFileSync(join(dir, "index.json"), JSON.stringify(["a", "b"]));
    writeFileSync(join(dir, "phi-strings.json"), JSON.stringify({ strings: [] }));
    writeFileSync(join(dir, "README.md"), "not a fixture");
    const fixtures = await loadFixtures(dir);
    expect(fixtures.map((f) => f.slug)).toEqual(["a", "b"]);
  });

  it("throws FixtureValidationError for a fixture that does not match the format", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-fixtures-"));
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ ...(await tinyFixture()), pii: [{ policy: "person_name", first_word: 5, last_word: 9999 }] }));
    await expect(loadFixtures(dir)).rejects.toBeInstanceOf(FixtureValidationError);
  });

  it("returns no fixtures for a missing directory", async () => {
    expect(await loadFixtures(join(tmpdir(), "does-not-exist-sandbox"))).toEqual([]);
  });

  it("defaults to the repo's tools/sandbox/fixtures", () => {
    expect(DEFAULT_FIXTURES_DIR.replace(/\\/g, "/")).toMatch(/tools\/sandbox\/fixtures\/?$/);
  });
});
