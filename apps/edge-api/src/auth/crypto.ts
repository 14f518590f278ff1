const encoder = new TextEncoder();

/** Hex SHA-256 of a string (Web Crypto: same result on Workers and Node). */
export async function sha256Hex(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * Compares two secrets in time that depends on neither their contents nor their lengths: both are
 * hashed to 32 bytes first, then every byte is compared without an early exit.
 */
export async function constantTimeEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  // Equal digests of different strings are not a practical concern; the length check adds no timing signal.
  return diff === 0 && given.length === expected.length;
}
