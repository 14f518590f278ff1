/** Replacement written where a secret was found. */
export const REDACTED = "[redacted]";

const MIN_SECRET_LENGTH = 4;
const MAX_MESSAGE_LENGTH = 500;

/**
 * Removes every occurrence of each secret from `text` and caps its length, so a server message that
 * echoes the API key (or request content) cannot leak through an error.
 *
 * @example
 * ```ts
 * redactSecrets("bad key abc123", ["abc123"]); // "bad key [redacted]"
 * ```
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    out = out.split(secret).join(REDACTED);
  }
  return out.length > MAX_MESSAGE_LENGTH ? `${out.slice(0, MAX_MESSAGE_LENGTH)}…` : out;
}

/**
 * Deep-copies a parsed JSON value with every string passed through {@link redactSecrets} (without
 * the length cap), so `ApiError.body` never holds a secret either.
 */
export function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") {
    let out = value;
    for (const secret of secrets) {
      if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redactSecrets(k, secrets)] = redactDeep(v, secrets);
    return out;
  }
  return value;
}

/** Length of the shortest run of request text that counts as an echo. */
export const ECHO_WINDOW = 24;

/**
 * Masks every run of at least {@link ECHO_WINDOW} characters of `text` that also appears in one of
 * `sources` (the prompt or transcript text we sent), so a server error quoting part of our request
 * cannot leak it.
 *
 * @example
 * ```ts
 * redactEchoes("bad content: 'the patient reports knee pain since May'", ["...the patient reports knee pain since May..."]);
 * // "bad content: '[redacted]'"
 * ```
 */
export function redactEchoes(text: string, sources: readonly string[]): string {
  const usable = sources.filter((s) => s.length >= ECHO_WINDOW);
  if (usable.length === 0 || text.length < ECHO_WINDOW) return text;
  const masked = new Uint8Array(text.length);
  for (let i = 0; i + ECHO_WINDOW <= text.length; i++) {
    const window = text.slice(i, i + ECHO_WINDOW);
    if (usable.some((s) => s.includes(window))) masked.fill(1, i, i + ECHO_WINDOW);
  }
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (masked[i] === 1) {
      if (i === 0 || masked[i - 1] !== 1) out += REDACTED;
    } else {
      out += text[i];
    }
  }
  return out;
}
