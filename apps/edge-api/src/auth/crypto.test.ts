import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { constantTimeEqual, sha256Hex } from "./crypto.js";

describe("sha256Hex", () => {
  it("hashes to the known SHA-256 of a string", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("constantTimeEqual", () => {
  it("accepts the same secret", async () => {
    expect(await constantTimeEqual("s3cret-value-0123456789", "s3cret-value-0123456789")).toBe(true);
  });

  it("rejects a different secret of the same length, a prefix, and an empty string", async () => {
    expect(await constantTimeEqual("s3cret-value-0123456780", "s3cret-value-0123456789")).toBe(false);
    expect(await constantTimeEqual("s3cret-value", "s3cret-value-0123456789")).toBe(false);
    expect(await constantTimeEqual("", "s3cret-value-0123456789")).toBe(false);
  });

  it("agrees with === for any pair of strings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (a, b) => {
        expect(await constantTimeEqual(a, b)).toBe(a === b);
      }),
      { numRuns: 200 },
    );
  });
});
