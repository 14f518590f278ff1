import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("listing cursors", () => {
  it("round-trips any position", () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 48 }), fc.string({ minLength: 1, maxLength: 100 }), (createdAt, id) => {
        expect(decodeCursor(encodeCursor({ createdAt, id }))).toEqual({ createdAt, id });
      }),
    );
  });

  it("rejects anything that is not a cursor without throwing", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const decoded = decodeCursor(s);
        if (decoded !== undefined) expect(encodeCursor(decoded)).toBeTypeOf("string");
      }),
    );
    expect(decodeCursor("not-a-cursor")).toBeUndefined();
    expect(decodeCursor(btoa(JSON.stringify({ a: 1 })))).toBeUndefined();
    expect(decodeCursor(btoa(JSON.stringify([1.5, "x"])))).toBeUndefined();
  });
});
