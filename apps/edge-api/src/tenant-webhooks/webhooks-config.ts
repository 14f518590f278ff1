import type { DeliveryMessage } from "./delivery-message.js";
import { secretsKey } from "./signing-secret.js";

/** Shortest `TENANT_WEBHOOK_KEY` accepted. */
export const MIN_TENANT_WEBHOOK_KEY_LENGTH = 32;

/** What tenant webhooks need from the bindings. */
export interface TenantWebhooksConfig {
  queue: Queue<DeliveryMessage>;
  /** Encrypts and decrypts the endpoints' signing secrets at rest. */
  key: CryptoKey;
  /** From `TENANT_WEBHOOK_KEY_PREVIOUS` during a rotation of the Worker secret: only opens secrets. */
  previousKey: CryptoKey | undefined;
}

/** Why tenant webhooks are off on this deployment: not set up at all, or set up wrongly (for the operator's log). */
export type TenantWebhooksOff = { kind: "not_configured" } | { kind: "misconfigured"; binding: string; message: string };

/**
 * Reads the optional bindings of tenant webhooks: the queue producer `WEBHOOK_DELIVERIES` and the secret
 * `TENANT_WEBHOOK_KEY` (at least 32 characters), and `TENANT_WEBHOOK_KEY_PREVIOUS` during a rotation of it
 * (optional, at least 32 characters). No key: the feature is off (`not_configured`); a key without the
 * queue, or a short key: `misconfigured` (names the binding, never a value).
 */
export async function tenantWebhooksConfig(env: Env): Promise<TenantWebhooksConfig | TenantWebhooksOff> {
  const raw = env as unknown as Record<string, unknown>;
  const queue = raw["WEBHOOK_DELIVERIES"] as Queue<DeliveryMessage> | undefined;
  const secret = raw["TENANT_WEBHOOK_KEY"];
  const hasQueue = typeof queue?.send === "function";
  const hasSecret = typeof secret === "string" && secret !== "";
  // wrangler.jsonc always binds the queue: the secret is what turns the feature on.
  if (!hasSecret) return { kind: "not_configured" };
  if (!hasQueue) return { kind: "misconfigured", binding: "WEBHOOK_DELIVERIES", message: "queue producer binding missing while TENANT_WEBHOOK_KEY is set" };
  if (secret.length < MIN_TENANT_WEBHOOK_KEY_LENGTH) {
    return { kind: "misconfigured", binding: "TENANT_WEBHOOK_KEY", message: `must be at least ${MIN_TENANT_WEBHOOK_KEY_LENGTH} characters` };
  }
  const previous = raw["TENANT_WEBHOOK_KEY_PREVIOUS"];
  const hasPrevious = typeof previous === "string" && previous !== "";
  if (previous !== undefined && typeof previous !== "string") {
    return { kind: "misconfigured", binding: "TENANT_WEBHOOK_KEY_PREVIOUS", message: "must be a string (a secret)" };
  }
  if (hasPrevious && previous.length < MIN_TENANT_WEBHOOK_KEY_LENGTH) {
    return { kind: "misconfigured", binding: "TENANT_WEBHOOK_KEY_PREVIOUS", message: `must be at least ${MIN_TENANT_WEBHOOK_KEY_LENGTH} characters (or unset: no rotation under way)` };
  }
  // Derived per use (one HKDF: microseconds), so that no module-level cache holds key material.
  return { queue, key: await secretsKey(secret), previousKey: hasPrevious && previous !== secret ? await secretsKey(previous) : undefined };
}

/** Type guard: the feature is usable. */
export function isOn(c: TenantWebhooksConfig | TenantWebhooksOff): c is TenantWebhooksConfig {
  return !("kind" in c);
}
