import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { audioHostsSql, countSql, createKeySql, expireKeySql, revokeKeySql, rotateKeySql } from "../scripts/lib/key-sql.mjs";
import { createHarness, type Harness } from "./support/harness.js";
import { envelope } from "./support/flow.js";
import { addKey, sha256Hex } from "./support/keys.js";

const HOUR = 60 * 60 * 1000;

/** Runs a script's SQL (one statement per line) against the test D1, as `wrangler d1 execute` would. */
async function run(sql: string): Promise<D1Result[]> {
  return env.DB.batch(sql.split("\n").map((statement) => env.DB.prepare(statement)));
}

async function status(h: Harness, key: string): Promise<number> {
  return (await h.request("/v1/notes", { key })).status;
}

describe("key expiry and revocation", () => {
  it("refuses a key once it expired, with the same 401 as an unknown key", async () => {
    const h = createHarness();
    const { tenantId } = await h.seedTenant("Clinic");
    const { key } = await addKey(tenantId, { expiresAt: h.now() + HOUR });
    expect(await status(h, key)).toBe(200);
    h.advance(HOUR);
    const res = await h.request("/v1/notes", { key });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await envelope(res)).error).toMatchObject({ code: "unauthorized", message: "Invalid API key." });
  });

  it("revokes one key, or every key of a tenant, at once (revoke-key.mjs)", async () => {
    const h = createHarness();
    const { tenantId, key } = await h.seedTenant("Clinic");
    const second = await addKey(tenantId);
    const third = await addKey(tenantId);
    const one = { keyId: second.keyId, now: h.now() };
    const revoked = await run(`${revokeKeySql(one)}\n${countSql.revokedAt(one)}`);
    expect(revoked[1]?.results).toEqual([{ n: 1 }]);
    expect(await status(h, second.key)).toBe(401);
    expect(await status(h, key)).toBe(200);
    const [all] = await run(revokeKeySql({ tenantId, now: h.now() }));
    expect(all?.meta.changes).toBe(2); // the two still live
    expect(await status(h, key)).toBe(401);
    expect(await status(h, third.key)).toBe(401);
  });

  it("sets and removes an expiry (expire-key.mjs)", async () => {
    const h = createHarness();
    const { tenantId } = await h.seedTenant("Clinic");
    const { key, keyId } = await addKey(tenantId);
    await run(expireKeySql({ keyId, expiresAt: h.now() }));
    expect(await status(h, key)).toBe(401);
    await run(expireKeySql({ keyId, expiresAt: null }));
    expect(await status(h, key)).toBe(200);
  });

  it("rotates a key: the new one works at once, the old one until the grace period ends (rotate-key.mjs)", async () => {
    const h = createHarness();
    const { tenantId } = await h.seedTenant("Clinic");
    const old = await addKey(tenantId);
    const fresh = `soap_sk_test_${crypto.randomUUID()}`;
    const newKeyId = `key_${crypto.randomUUID()}`;
    const sql = rotateKeySql({ oldKeyId: old.keyId, newKeyId, keyHash: await sha256Hex(fresh), keyPrefix: fresh.slice(0, 12), now: h.now(), graceUntil: h.now() + HOUR });
    // The script appends the count that tells it the new key exists (local wrangler reports no row counts).
    const results = await run(`${sql}\n${countSql.key(newKeyId)}`);
    expect(results[0]?.meta.changes).toBe(1);
    expect(results[results.length - 1]?.results).toEqual([{ n: 1 }]);
    expect(await status(h, fresh)).toBe(200);
    expect(await status(h, old.key)).toBe(200);
    // Both are the same tenant's: a note made with one is visible with the other.
    const created = await h.request("/v1/notes", { method: "POST", key: old.key, json: { audio_url: "https://media.example.com/visits/visit-02-knee-sprain.mp3" } });
    const { id } = (await created.json()) as { id: string };
    expect((await h.request(`/v1/notes/${id}`, { key: fresh })).status).toBe(200);
    h.advance(HOUR);
    expect(await status(h, old.key)).toBe(401);
    expect(await status(h, fresh)).toBe(200);
  });

  it("makes no key when the key to rotate is revoked or unknown", async () => {
    const h = createHarness();
    const { tenantId } = await h.seedTenant("Clinic");
    const old = await addKey(tenantId);
    await run(revokeKeySql({ keyId: old.keyId, now: h.now() }));
    for (const oldKeyId of [old.keyId, "key_unknown"]) {
      const fresh = `soap_sk_test_${crypto.randomUUID()}`;
      const newKeyId = `key_${crypto.randomUUID()}`;
      const results = await run(`${rotateKeySql({ oldKeyId, newKeyId, keyHash: await sha256Hex(fresh), keyPrefix: "soap_sk_test", now: h.now(), graceUntil: h.now() })}\n${countSql.key(newKeyId)}`);
      expect(results[results.length - 1]?.results).toEqual([{ n: 0 }]);
      expect(await status(h, fresh)).toBe(401);
    }
  });

  it("creates a tenant and a key that expires (create-key.mjs --expires-in-days)", async () => {
    const h = createHarness();
    const key = `soap_sk_test_${crypto.randomUUID()}`;
    await run(createKeySql({ tenantId: `ten_${crypto.randomUUID()}`, tenantName: "Clinic 'O'", keyId: `key_${crypto.randomUUID()}`, keyHash: await sha256Hex(key), keyPrefix: key.slice(0, 12), now: h.now(), expiresAt: h.now() + HOUR }));
    expect(await status(h, key)).toBe(200);
    h.advance(HOUR);
    expect(await status(h, key)).toBe(401);
  });
});

describe("audio-hosts.mjs", () => {
  it("stores a clean list, clears it, and refuses what is not a host name", async () => {
    const h = createHarness();
    const { tenantId } = await h.seedTenant("Clinic");
    await run(audioHostsSql({ tenantId, hosts: [" Media.Clinic.example ", "*.s3.amazonaws.com"] }));
    const row = await env.DB.prepare("SELECT audio_url_hosts FROM tenants WHERE id = ?1").bind(tenantId).first<{ audio_url_hosts: string }>();
    expect(JSON.parse(row?.audio_url_hosts ?? "null")).toEqual(["media.clinic.example", "*.s3.amazonaws.com"]);
    await run(audioHostsSql({ tenantId, hosts: null }));
    expect(await env.DB.prepare("SELECT audio_url_hosts FROM tenants WHERE id = ?1").bind(tenantId).first("audio_url_hosts")).toBeNull();
    expect(() => audioHostsSql({ tenantId, hosts: ["https://x.com/a"] })).toThrow(/not a host name or \*\.domain pattern: https:\/\/x\.com\/a/);
  });
});
