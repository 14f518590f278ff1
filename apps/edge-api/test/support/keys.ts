import { env } from "cloudflare:workers";

/** Another API key for an existing tenant, with optional expiry; returns the key and its id. */
export async function addKey(tenantId: string, options: { expiresAt?: number; now?: number } = {}): Promise<{ key: string; keyId: string }> {
  const keyId = `key_${crypto.randomUUID()}`;
  const key = `soap_sk_test_${crypto.randomUUID()}`;
  await env.DB.prepare("INSERT INTO api_keys (id, tenant_id, key_hash, key_prefix, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
    .bind(keyId, tenantId, await sha256Hex(key), key.slice(0, 12), options.now ?? 0, options.expiresAt ?? null)
    .run();
  return { key, keyId };
}

/** Hex SHA-256, as the API stores keys. */
export async function sha256Hex(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}
