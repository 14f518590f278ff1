import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignatureHeader } from "./signature.js";

const secret = "whsec_test_secret_for_signatures_0000000000";
const body = '{"id":"evt_1","type":"note.completed","created":1764061200,"data":{"note_id":"n1"}}';

describe("Soap-Signature", () => {
  it("is t=<unix>,v1=<hex HMAC-SHA256 of 't.body'> (a known answer computed independently)", async () => {
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`1764061200.${body}`)));
    const hex = [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(await signatureHeader([secret], 1764061200, body)).toBe(`t=1764061200,v1=${hex}`);
  });

  it("carries one v1 per secret, the new one first", async () => {
    const header = await signatureHeader([secret, "whsec_old"], 10, body);
    expect(header.split(",")).toHaveLength(3);
    expect(await verifySignatureHeader(header, body, "whsec_old", { nowSeconds: 10 })).toBe("ok");
    expect(await verifySignatureHeader(header, body, secret, { nowSeconds: 10 })).toBe("ok");
  });

  it("verifies within the tolerance and refuses replays, tampering, other secrets and junk", async () => {
    const header = await signatureHeader([secret], 1000, body);
    expect(await verifySignatureHeader(header, body, secret, { nowSeconds: 1300 })).toBe("ok");
    expect(await verifySignatureHeader(header, body, secret, { nowSeconds: 1301 })).toBe("timestamp_out_of_tolerance");
    expect(await verifySignatureHeader(header, body, secret, { nowSeconds: 1100, toleranceSeconds: 60 })).toBe("timestamp_out_of_tolerance");
    expect(await verifySignatureHeader(header, `${body} `, secret, { nowSeconds: 1000 })).toBe("no_matching_signature");
    expect(await verifySignatureHeader(header, body, "whsec_other", { nowSeconds: 1000 })).toBe("no_matching_signature");
    // The timestamp is signed: moving it invalidates the signature.
    expect(await verifySignatureHeader(header.replace("t=1000", "t=1001"), body, secret, { nowSeconds: 1000 })).toBe("no_matching_signature");
    for (const junk of ["", "t=1000", "v1=abc", "t=x,v1=" + "0".repeat(64)]) {
      expect(await verifySignatureHeader(junk, body, secret, { nowSeconds: 1000 })).toBe("malformed");
    }
  });
});

describe("Soap-Signature (properties)", () => {
  it("verifies any body under any secret, and never a changed body or another secret", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.string({ minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 4_000_000_000 }), async (text, secret, t) => {
        const header = await signatureHeader([secret], t, text);
        expect(await verifySignatureHeader(header, text, secret, { nowSeconds: t })).toBe("ok");
        expect(await verifySignatureHeader(header, `${text}x`, secret, { nowSeconds: t })).toBe("no_matching_signature");
        expect(await verifySignatureHeader(header, text, `${secret}x`, { nowSeconds: t })).toBe("no_matching_signature");
      }),
      { numRuns: 100 },
    );
  });

  it("never throws on an arbitrary header, and accepts none it did not sign", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (header) => {
        expect(await verifySignatureHeader(header, body, secret, { nowSeconds: 1000 })).not.toBe("ok");
      }),
      { numRuns: 200 },
    );
  });
});
