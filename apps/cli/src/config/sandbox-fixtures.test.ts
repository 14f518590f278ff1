import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sandboxFixturesDir } from "./sandbox-fixtures.js";

describe("sandboxFixturesDir", () => {
  it("finds the sandbox's fixtures through package resolution", () => {
    expect(existsSync(join(sandboxFixturesDir(), "visit-01-finger-injury.json"))).toBe(true);
  });
});
