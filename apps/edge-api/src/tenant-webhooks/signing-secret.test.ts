import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, newSigningSecret, openSecret, secretsKey } from "./signing-secret.js";

describe("signing secrets at rest", () => {
  it("are whsec_ + 256 random bits, never the same twice", () => {
    const a = newSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSigningSecret()).not.toBe(a);
  });

  it("round-trip through AES-GCM for their own row only, under their own key only", async () => {
    const key = await secretsKey("k".repeat(32));
    const secret = newSigningSecret();
    const sealed = await encryptSecret(key, secret, "ten_1:we_1");
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(await encryptSecret(key, secret, "ten_1:we_1")).not.toBe(sealed);
    expect(await decryptSecret(key, sealed, "ten_1:we_1")).toBe(secret);
    expect(await decryptSecret(key, sealed, "ten_2:we_1")).toBeUndefined();
    expect(await decryptSecret(await secretsKey("j".repeat(32)), sealed, "ten_1:we_1")).toBeUndefined();
    expect(await decryptSecret(key, sealed.slice(0, -2) + "AA", "ten_1:we_1")).toBeUndefined();
    expect(await decryptSecret(key, "garbage", "ten_1:we_1")).toBeUndefined();
  });
});

describe("opening a secret during a rotation of TENANT_WEBHOOK_KEY", () => {
  it("opens with the current key, else the previous one (flagged for sealing again), else not at all", async () => {
    const oldKey = await secretsKey("o".repeat(32));
    const newKey = await secretsKey("n".repeat(32));
    const secret = newSigningSecret();
    const underOld = await encryptSecret(oldKey, secret, "ten_1:we_1");
    const underNew = await encryptSecret(newKey, secret, "ten_1:we_1");
    expect(await openSecret({ current: newKey, previous: oldKey }, underOld, "ten_1:we_1")).toEqual({ secret, underPrevious: true });
    expect(await openSecret({ current: newKey, previous: oldKey }, underNew, "ten_1:we_1")).toEqual({ secret, underPrevious: false });
    expect(await openSecret({ current: newKey }, underOld, "ten_1:we_1")).toBeUndefined();
    expect(await openSecret({ current: newKey, previous: oldKey }, underOld, "ten_2:we_1")).toBeUndefined();
  });
});
