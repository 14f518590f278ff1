// A fast, synchronous, well-mixed 53-bit string hash for experiment assignment. Not cryptographic:
// it only has to spread keys evenly and never change (changing it would reshuffle every experiment).
// Two 32-bit FNV-1a-style lanes with different primes run over the UTF-8 bytes, then a
// murmur3-style avalanche finaliser mixes each lane with the other.

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash state: the two lanes and the byte count. */
interface Lanes {
  a: number;
  b: number;
  n: number;
}

function step(s: Lanes, byte: number): void {
  s.a = Math.imul(s.a ^ byte, 0x01000193);
  s.b = Math.imul(s.b ^ byte, 0x5bd1e995);
  s.b ^= s.b >>> 15;
  s.n++;
}

function finish(s: Lanes): number {
  let a = avalanche(s.a ^ s.n);
  const b = avalanche(s.b ^ a);
  a = avalanche(a ^ Math.imul(b, 0x27d4eb2f));
  // 32 bits of a and the top 21 bits of b: exactly representable in a double.
  return a * 2 ** 21 + (b >>> 11);
}

const start = (): Lanes => ({ a: 0x811c9dc5, b: 0x9747b28c, n: 0 });

/** {@link hash53} over raw bytes. */
export function hash53Bytes(bytes: Uint8Array): number {
  const s = start();
  for (let i = 0; i < bytes.length; i++) step(s, bytes[i] as number);
  return finish(s);
}

/**
 * A 53-bit unsigned integer hash of the string's UTF-8 bytes (as TextEncoder would give them,
 * lone surrogates as U+FFFD), encoded on the fly: no allocation per call.
 */
export function hash53(text: string): number {
  const s = start();
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      step(s, c);
      continue;
    }
    if (c < 0x800) {
      step(s, 0xc0 | (c >> 6));
      step(s, 0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        step(s, 0xf0 | (c >> 18));
        step(s, 0x80 | ((c >> 12) & 0x3f));
        step(s, 0x80 | ((c >> 6) & 0x3f));
        step(s, 0x80 | (c & 0x3f));
        continue;
      }
      c = 0xfffd; // a lone surrogate, as TextEncoder encodes it
    }
    step(s, 0xe0 | (c >> 12));
    step(s, 0x80 | ((c >> 6) & 0x3f));
    step(s, 0x80 | (c & 0x3f));
  }
  return finish(s);
}

/** A point in the open interval (0, 1), uniform over 2^53 steps, from a string. */
export function unitInterval(text: string): number {
  return (hash53(text) + 0.5) / 2 ** 53;
}
