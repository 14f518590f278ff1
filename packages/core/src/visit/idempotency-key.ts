/** Prefix of every key {@link visitIdempotencyKey} makes (the version of the derivation). */
const KEY_PREFIX = "soap-visit-v1-";

/** What names one visit's request to a remote API across retries and resumed runs. */
export interface VisitIdentity {
  /** The visit's id (manifest `id`, or the file name of a folder batch). */
  visitId: string;
  /**
   * What the visit is made from, in a form that changes when the recording does: the audio URL, or the
   * SHA-256 of a local file's bytes. Two batches that reuse a visit id for another recording get other keys.
   */
  source: string;
}

/**
 * The `Idempotency-Key` of a visit sent to the edge API: `soap-visit-v1-` + the hex SHA-256 of the visit
 * id and its source, so that the same visit gets the same key in every run (a resumed batch, a retry
 * after a timeout or a 502: one note, one transcript), and the key says nothing about the visit (no id,
 * no file name, no URL travels in it). Web Crypto only: the same key on Node, Workers and browsers.
 *
 * @example
 * ```ts
 * await visitIdempotencyKey({ visitId: "visit-042", source: "https://media.example.com/042.mp3" });
 * // "soap-visit-v1-3f1c…" (78 characters)
 * ```
 */
export async function visitIdempotencyKey(identity: VisitIdentity): Promise<string> {
  // Length-prefixed fields: ("a", "bc") and ("ab", "c") never collide.
  const text = `${identity.visitId.length}:${identity.visitId}\n${identity.source.length}:${identity.source}`;
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return KEY_PREFIX + hex;
}
