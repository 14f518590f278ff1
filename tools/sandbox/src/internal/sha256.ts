import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** One @noble/hashes SHA-256 in progress. */
type NobleSha256 = ReturnType<typeof sha256.create>;

/**
 * Incremental SHA-256 on @noble/hashes (audited, no Node built-ins: runs in Node, workerd and browsers
 * alike). Web Crypto only digests whole buffers; this hashes a stream chunk by chunk in constant
 * memory. Feed bytes with `update` in chunks of any size, read the digest with `digest()` /
 * `hexDigest()`, which do not end the stream (more `update`s continue it), unlike noble's own `digest()`.
 * @example
 * const hash = new Sha256();
 * for await (const chunk of stream) hash.update(chunk);
 * hash.hexDigest(); // "e3b0c442..." for no bytes
 */
export class Sha256 {
  readonly #hash: NobleSha256 = sha256.create();
  #length = 0;

  /** Number of bytes hashed so far. */
  get byteLength(): number {
    return this.#length;
  }

  /** Hashes more bytes. Returns this, for chaining. Throws a TypeError for anything but a Uint8Array. */
  update(data: Uint8Array): this {
    this.#hash.update(data);
    this.#length += data.byteLength;
    return this;
  }

  /** The 32-byte digest of the bytes hashed so far. */
  digest(): Uint8Array {
    // noble's digest() finishes its hash for good; finishing a copy keeps this one open.
    return this.#hash.clone().digest();
  }

  /** The digest of the bytes hashed so far, as 64 lowercase hex digits. */
  hexDigest(): string {
    return bytesToHex(this.digest());
  }
}
