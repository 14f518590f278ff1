import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./crypto.js";
import { Sha256 } from "./sha256.js";

const ascii = (s: string) => new TextEncoder().encode(s);

/** Splits bytes at the given cut points (any order, any values) and hashes the pieces in turn. */
function hashInChunks(bytes: Uint8Array, cuts: number[]): string {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
  const hash = new Sha256();
  let start = 0;
  for (const p of [...points, bytes.length]) {
    hash.update(bytes.subarray(start, p));
    start = p;
  }
  return hash.hexDigest();
}

describe("Sha256", () => {
  it.each([
    ["the empty message", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "the 448-bit message",
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
  ])("matches the NIST vector for %s", (_name, message, expected) => {
    expect(new Sha256().update(ascii(message)).hexDigest()).toBe(expected);
  });

  it("matches the NIST vector for one million 'a', fed in uneven chunks", () => {
    const hash = new Sha256();
    const a = new Uint8Array(1000).fill(0x61);
    let left = 1_000_000;
    for (let n = 1; left > 0; n = (n * 7 + 3) % 1000 || 1) {
      const take = Math.min(n, left);
      hash.update(a.subarray(0, take));
      left -= take;
    }
    expect(hash.byteLength).toBe(1_000_000);
    expect(hash.hexDigest()).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("equals crypto.subtle.digest for random bytes split into random chunks", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 12 }), async (bytes, cuts) => {
        expect(hashInChunks(bytes, cuts)).toBe(await sha256Hex(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("equals crypto.subtle.digest around the padding boundaries (55, 56, 63, 64 and 65 bytes)", async () => {
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(new Sha256().update(bytes).hexDigest(), `${n} bytes`).toBe(await sha256Hex(bytes));
    }
  });

  it("keeps hashing after a digest was read: digest() does not end the stream", async () => {
    const hash = new Sha256().update(ascii("ab"));
    expect(hash.hexDigest()).toBe(await sha256Hex(ascii("ab")));
    hash.update(ascii("c"));
    expect(hash.hexDigest()).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("Sha256: edge cases of @noble/hashes", () => {
  it("hashes only the bytes of a view into a larger buffer (byteOffset != 0)", async () => {
    const backing = Uint8Array.from({ length: 300 }, (_, i) => (i * 13) & 255);
    const view = backing.subarray(37, 237);
    expect(new Sha256().update(view).hexDigest()).toBe(await sha256Hex(backing.slice(37, 237)));
  });

  it("keeps no reference to a chunk: changing it after update() changes nothing", async () => {
    const chunk = Uint8Array.from({ length: 100 }, (_, i) => i);
    const expected = await sha256Hex(chunk.slice());
    const hash = new Sha256().update(chunk);
    chunk.fill(0xff);
    expect(hash.hexDigest()).toBe(expected);
  });

  it("returns the same digest when read twice, and counts no bytes for an empty chunk", () => {
    const hash = new Sha256().update(ascii("abc")).update(new Uint8Array(0));
    expect(hash.byteLength).toBe(3);
    expect(hash.hexDigest()).toBe(hash.hexDigest());
    expect(hash.hexDigest()).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it.each([
    ["a string", "abc"],
    ["an ArrayBuffer", new ArrayBuffer(8)],
    ["an array of numbers", [1, 2, 3]],
    ["a Uint16Array", new Uint16Array(4)],
  ])("refuses %s with a TypeError instead of hashing something else, counting nothing", (_name, chunk) => {
    const hash = new Sha256();
    expect(() => hash.update(chunk as unknown as Uint8Array)).toThrow(TypeError);
    expect(hash.byteLength).toBe(0);
  });
});
