import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jobSignature, jobWebhookUrl, verifyJobSignature, webhookUrlNamesJob } from "./job-webhook-url.js";

const SECRET = "whsec-unit-0123456789abcdef";

describe("job webhook signatures", () => {
  it("verifies a job's own signature, and no other job's or secret's", async () => {
    const sig = await jobSignature(SECRET, "job-1");
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await verifyJobSignature(SECRET, "job-1", sig)).toBe(true);
    expect(await verifyJobSignature(SECRET, "job-2", sig)).toBe(false);
    expect(await verifyJobSignature(`${SECRET}x`, "job-1", sig)).toBe(false);
  });

  it("refuses any altered or malformed signature", async () => {
    const sig = await jobSignature(SECRET, "job-1");
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (other) => {
        fc.pre(other !== sig);
        expect(await verifyJobSignature(SECRET, "job-1", other)).toBe(false);
      }),
      { numRuns: 200 },
    );
    const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(await verifyJobSignature(SECRET, "job-1", flipped)).toBe(false);
  });
});

describe("job webhook URLs", () => {
  it("puts the signature in the path and ends in ?job=<id>", async () => {
    const url = await jobWebhookUrl("https://api.example.com", SECRET, "job 1/ü");
    expect(url).toBe(`https://api.example.com/v1/webhooks/assemblyai/${await jobSignature(SECRET, "job 1/ü")}?job=${encodeURIComponent("job 1/ü")}`);
    expect(url.endsWith(`?job=${encodeURIComponent("job 1/ü")}`)).toBe(true);
    expect(webhookUrlNamesJob(url, "job 1/ü")).toBe(true);
  });

  it("tells a transcript of this job from anyone else's", async () => {
    const mine = await jobWebhookUrl("https://api.example.com", SECRET, "job-1");
    expect(webhookUrlNamesJob(mine, "job-2")).toBe(false);
    // Jobs created before signed URLs, and a PUBLIC_BASE_URL with a path.
    expect(webhookUrlNamesJob("https://api.example.com/v1/webhooks/assemblyai?job=job-1", "job-1")).toBe(true);
    expect(webhookUrlNamesJob(await jobWebhookUrl("https://example.com/soap", SECRET, "job-1"), "job-1")).toBe(true);
    for (const other of [
      null,
      undefined,
      "",
      "not a url",
      "http://deleted_by_user",
      "https://api.example.com/v1/webhooks/assemblyai?job=job-1&job=job-2",
      "https://api.example.com/v1/other?job=job-1",
      "https://api.example.com/v1/webhooks/assemblyai/a/b?job=job-1",
      "https://api.example.com/v1/webhooks/assemblyai?job=job-10",
      "https://api.example.com/v1/webhooks/assemblyai/x/v1/other?job=job-1",
      "https://api.example.com/v1/webhooks/assemblyaiX?job=job-1",
    ]) {
      expect(webhookUrlNamesJob(other, "job-1"), String(other)).toBe(false);
    }
  });
});
