import { describe, expect, it } from "vitest";
import { signedAudioUrl, verifyAudioSignature } from "./audio-url.js";

const SECRET = "whsec-test-0123456789abcdef";

describe("signed audio URLs", () => {
  it("verifies its own signature and nothing else", async () => {
    const url = await signedAudioUrl("https://api.test", SECRET, "upl_1", 1_800_000_000_000, "v.mp3");
    const [, , , id, exp, sig, name] = new URL(url).pathname.split("/");
    expect([id, exp, name]).toEqual(["upl_1", "1800000000000", "v.mp3"]);
    expect(await verifyAudioSignature(SECRET, "upl_1", 1_800_000_000_000, sig as string)).toBe(true);
    expect(await verifyAudioSignature(SECRET, "upl_2", 1_800_000_000_000, sig as string)).toBe(false);
    expect(await verifyAudioSignature(SECRET, "upl_1", 1_800_000_000_001, sig as string)).toBe(false);
    expect(await verifyAudioSignature("another-secret-0123456789", "upl_1", 1_800_000_000_000, sig as string)).toBe(false);
    expect(await verifyAudioSignature(SECRET, "upl_1", 1_800_000_000_000, "short")).toBe(false);
  });
});
