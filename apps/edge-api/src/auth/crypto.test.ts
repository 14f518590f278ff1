import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { constantTimeEqual, fromBase64Url, hmacSha256, sha256Hex, toBase64Url, verifyHmacSha256 } from "./crypto.js";

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

describe("fromBase64Url and verifyHmacSha256: one encoding per value", () => {
  it("round-trips bytes, and refuses a last character whose unused bits are set", () => {
    const bytes = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x01]);
    const text = toBase64Url(bytes);
    expect([...(fromBase64Url(text) ?? [])]).toEqual([...bytes]);
    // 5 bytes = 40 bits in 7 characters: the last character carries 4 data bits and 2 unused ones.
    const last = text.at(-1) as string;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sameBits = alphabet[alphabet.indexOf(last) ^ 1] as string;
    expect(fromBase64Url(text.slice(0, -1) + sameBits)).toBeUndefined();
    expect(fromBase64Url("not base64!")).toBeUndefined();
  });

  it("refuses a signature that differs from the right one only in its last character's unused bits", async () => {
    const good = await hmacSha256("secret", "message");
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = good.at(-1) as string;
    // 32 bytes in 43 characters: the last one carries 4 data bits; flipping bit 0 keeps the bytes.
    const twin = good.slice(0, -1) + (alphabet[alphabet.indexOf(last) ^ 1] as string);
    expect(await verifyHmacSha256("secret", "message", good)).toBe(true);
    expect(await verifyHmacSha256("secret", "message", twin)).toBe(false);
  });
});
