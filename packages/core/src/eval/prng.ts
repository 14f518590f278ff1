/** A pseudo-random number generator: each call returns a number in [0, 1). */
export type Random = () => number;

/**
 * A small seeded PRNG (mulberry32: a 32-bit state advanced by a Weyl sequence, then mixed), so a
 * bootstrap with the same seed gives the same intervals on every machine and runtime.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // the same first number on every run
 * ```
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit FNV-1a hash of `text`, to derive one seed per metric from the user's seed. */
export function hashSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
