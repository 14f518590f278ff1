import { fromBase64Url, toBase64Url } from "../auth/crypto.js";

/** Every endpoint signing secret starts with this. */
export const SIGNING_SECRET_PREFIX = "whsec_";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A new signing secret: `whsec_` + 32 random bytes in base64url (256 bits). */
export function newSigningSecret(): string {
  return SIGNING_SECRET_PREFIX + toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The AES-256-GCM key that encrypts signing secrets at rest, derived (HKDF-SHA-256) from the Worker
 * secret `TENANT_WEBHOOK_KEY`, so that the same text never serves two purposes.
 */
export async function secretsKey(masterSecret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(masterSecret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode("soap-notes tenant webhook signing secrets v1") },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** `v1.<iv>.<ciphertext>` (base64url): the secret encrypted for the row of `boundTo` (endpoint id and tenant). */
export async function encryptSecret(key: CryptoKey, secret: string, boundTo: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(boundTo) }, key, encoder.encode(secret));
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/**
 * The secret sealed by {@link encryptSecret} for `boundTo`, or undefined when it cannot be opened (another
 * key, another row, altered). Never throws, never logs the text.
 */
export async function decryptSecret(key: CryptoKey, sealed: string, boundTo: string): Promise<string | undefined> {
  const [version, ivText, dataText] = sealed.split(".");
  const iv = ivText === undefined ? undefined : fromBase64Url(ivText);
  const data = dataText === undefined ? undefined : fromBase64Url(dataText);
  if (version !== "v1" || !iv || !data) return undefined;
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(boundTo) }, key, data);
    return decoder.decode(plain);
  } catch {
    // A GCM tag mismatch is the only failure: another key or another row. The caller logs it by id.
    return undefined;
  }
}

/** The keys of signing secrets at rest: `TENANT_WEBHOOK_KEY`'s, and `TENANT_WEBHOOK_KEY_PREVIOUS`'s during a rotation of it. */
export interface SecretsKeys {
  current: CryptoKey;
  previous?: CryptoKey | undefined;
}

/**
 * Opens a sealed secret with the current key, else with the previous one (`underPrevious: true`: seal it
 * again under the current key). Undefined when neither opens it. Never throws, never logs the text.
 */
export async function openSecret(keys: SecretsKeys, sealed: string, boundTo: string): Promise<{ secret: string; underPrevious: boolean } | undefined> {
  const current = await decryptSecret(keys.current, sealed, boundTo);
  if (current !== undefined) return { secret: current, underPrevious: false };
  const previous = keys.previous === undefined ? undefined : await decryptSecret(keys.previous, sealed, boundTo);
  return previous === undefined ? undefined : { secret: previous, underPrevious: true };
}
