import { describe, expect, it } from "vitest";
import { projectName } from "./index.js";

describe("scaffold", () => {
  it("names its project", () => {
    expect(projectName()).toBe("packages/prompts");
  });
});
