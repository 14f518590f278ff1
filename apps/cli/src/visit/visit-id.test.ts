import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idFromName } from "./visit-id.js";

describe("idFromName", () => {
  it("makes any name file-name safe", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (name) => {
        expect(idFromName(name)).toMatch(/^([A-Za-z0-9][A-Za-z0-9._-]*)?$/);
      }),
    );
  });
});
