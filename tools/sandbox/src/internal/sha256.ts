/**
 * Incremental SHA-256 (FIPS 180-4) in portable TypeScript: no Node built-ins, so it runs in Node and
 * workerd alike. Web Crypto only digests whole buffers; this hashes a stream chunk by chunk in
 * constant memory. All arithmetic is 32-bit (`| 0`, `>>> 0`); the message schedule is preallocated
 * and nothing is allocated per block.
 */

/** Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = Uint32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
);

/** Initial hash value: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H0 = Uint32Array.of(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Compresses every whole 64-byte block of `p[pos, end)` into `h`, using `w` as the message schedule.
 * `end - pos` must be a multiple of 64. Returns nothing; `h` is updated in place.
 */
function compressBlocks(h: Uint32Array, w: Uint32Array, p: Uint8Array, pos: number, end: number): void {
  let h0 = h[0]! | 0;
  let h1 = h[1]! | 0;
  let h2 = h[2]! | 0;
  let h3 = h[3]! | 0;
  let h4 = h[4]! | 0;
  let h5 = h[5]! | 0;
  let h6 = h[6]! | 0;
  let h7 = h[7]! | 0;
  while (pos < end) {
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let hh = h7;
    for (let i = 0; i < 64; i++) {
      let wi: number;
      if (i < 16) {
        wi = (p[pos]! << 24) | (p[pos + 1]! << 16) | (p[pos + 2]! << 8) | p[pos + 3]!;
        pos += 4;
      } else {
        const x = w[i - 15]!;
        const y = w[i - 2]!;
        const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        wi = (s1 + w[i - 7]! + s0 + w[i - 16]!) | 0;
      }
      w[i] = wi;
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = g ^ (e & (f ^ g));
      const t1 = (hh + S1 + ch + K[i]! + wi) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) | (c & (a | b));
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + hh) | 0;
  }
  h[0] = h0;
  h[1] = h1;
  h[2] = h2;
  h[3] = h3;
  h[4] = h4;
  h[5] = h5;
  h[6] = h6;
  h[7] = h7;
}

/**
 * Incremental SHA-256: feed bytes with `update` in chunks of any size, read the digest with
 * `digest()` / `hexDigest()` (which do not end the stream: more `update`s continue it).
 * @example
 * const hash = new Sha256();
 * for await (const chunk of stream) hash.update(chunk);
 * hash.hexDigest(); // "e3b0c442..." for no bytes
 */
export class Sha256 {
  readonly #h = Uint32Array.from(H0);
  readonly #w = new Uint32Array(64);
  /** The bytes of the current, not yet complete block. */
  readonly #block = new Uint8Array(64);
  #blockLength = 0;
  #length = 0;

  /** Number of bytes hashed so far. */
  get byteLength(): number {
    return this.#length;
  }

  /** Hashes more bytes. Returns this, for chaining. */
  update(data: Uint8Array): this {
    const n = data.byteLength;
    this.#length += n;
    let pos = 0;
    if (this.#blockLength > 0) {
      const take = Math.min(64 - this.#blockLength, n);
      this.#block.set(data.subarray(0, take), this.#blockLength);
      this.#blockLength += take;
      pos = take;
      if (this.#blockLength < 64) return this;
      compressBlocks(this.#h, this.#w, this.#block, 0, 64);
      this.#blockLength = 0;
    }
    const whole = pos + ((n - pos) & ~63);
    if (whole > pos) compressBlocks(this.#h, this.#w, data, pos, whole);
    if (whole < n) {
      this.#block.set(data.subarray(whole), 0);
      this.#blockLength = n - whole;
    }
    return this;
  }

  /** The 32-byte digest of the bytes hashed so far. */
  digest(): Uint8Array {
    const h = Uint32Array.from(this.#h);
    // Padding: 0x80, zeros, then the message length in bits as a 64-bit big-endian integer.
    const tail = new Uint8Array(this.#blockLength < 56 ? 64 : 128);
    tail.set(this.#block.subarray(0, this.#blockLength));
    tail[this.#blockLength] = 0x80;
    const bits = this.#length * 8;
    const hi = Math.floor(bits / 0x1_0000_0000);
    const lo = bits >>> 0;
    const end = tail.length;
    tail[end - 8] = hi >>> 24;
    tail[end - 7] = hi >>> 16;
    tail[end - 6] = hi >>> 8;
    tail[end - 5] = hi;
    tail[end - 4] = lo >>> 24;
    tail[end - 3] = lo >>> 16;
    tail[end - 2] = lo >>> 8;
    tail[end - 1] = lo;
    compressBlocks(h, this.#w, tail, 0, end);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const v = h[i]!;
      out[i * 4] = v >>> 24;
      out[i * 4 + 1] = v >>> 16;
      out[i * 4 + 2] = v >>> 8;
      out[i * 4 + 3] = v;
    }
    return out;
  }

  /** The digest of the bytes hashed so far, as 64 lowercase hex digits. */
  hexDigest(): string {
    let s = "";
    for (const b of this.digest()) s += HEX[b];
    return s;
  }
}
