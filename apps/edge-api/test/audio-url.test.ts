import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createHarness, KNEE_AUDIO_URL, type Harness } from "./support/harness.js";
import { envelope } from "./support/flow.js";

const FILE = "/visits/visit-02-knee-sprain.mp3";
const post = (h: Harness, key: string, audio_url: string) => h.request("/v1/notes", { method: "POST", key, json: { audio_url } });

/** audio_url values refused outside development, with what the message must say. */
const REFUSED: [name: string, url: string, says: RegExp][] = [
  ["plain http", `http://media.example.com${FILE}`, /must use https \(got http\)/],
  ["a user name and password", `https://user:secret@media.example.com${FILE}`, /must not contain a user name or password/],
  ["a user name alone (a token)", `https://tok3n@media.example.com${FILE}`, /must not contain a user name or password/],
  ["IPv4 loopback", `https://127.0.0.1${FILE}`, /private, loopback.*\(127\.0\.0\.1\)/],
  ["IPv4 loopback, short form", `https://127.1${FILE}`, /\(127\.0\.0\.1\)/],
  ["IPv4 loopback in decimal", `https://2130706433${FILE}`, /\(127\.0\.0\.1\)/],
  ["IPv4 loopback in hex", `https://0x7f.0.0.1${FILE}`, /\(127\.0\.0\.1\)/],
  ["IPv4 loopback in octal", `https://0177.0.0.1${FILE}`, /\(127\.0\.0\.1\)/],
  ["10/8", `https://10.20.30.40${FILE}`, /private, loopback/],
  ["172.16/12", `https://172.31.255.1${FILE}`, /private, loopback/],
  ["192.168/16", `https://192.168.1.10${FILE}`, /private, loopback/],
  ["the link-local metadata address", "https://169.254.169.254/latest/meta-data/", /\(169\.254\.169\.254\)/],
  ["the metadata address in hex", "https://0xa9fea9fe/latest/meta-data/", /\(169\.254\.169\.254\)/],
  ["0.0.0.0", `https://0.0.0.0${FILE}`, /private, loopback/],
  ["carrier-grade NAT", `https://100.64.0.1${FILE}`, /private, loopback/],
  ["IPv6 loopback", `https://[::1]${FILE}`, /\(\[::1\]\)/],
  ["IPv6 unspecified", `https://[::]${FILE}`, /private, loopback/],
  ["IPv4-mapped IPv6 loopback", `https://[::ffff:127.0.0.1]${FILE}`, /private, loopback/],
  ["IPv4-mapped IPv6 metadata address, hex", `https://[::ffff:a9fe:a9fe]${FILE}`, /private, loopback/],
  ["IPv6 unique-local", `https://[fd12:3456:789a::1]${FILE}`, /private, loopback/],
  ["IPv6 link-local", `https://[fe80::1]${FILE}`, /private, loopback/],
  ["NAT64 of loopback", `https://[64:ff9b::7f00:1]${FILE}`, /private, loopback/],
  ["6to4 of 10.0.0.1", `https://[2002:a00:1::1]${FILE}`, /private, loopback/],
  ["localhost", `https://localhost${FILE}`, /internal host name \(localhost\)/],
  ["localhost with a trailing dot", `https://localhost.${FILE}`, /internal host name \(localhost\)/],
  ["a *.localhost name", `https://api.localhost${FILE}`, /internal host name/],
  ["a single-label host", `https://fileserver${FILE}`, /internal host name \(fileserver\)/],
  ["an mDNS .local name", `https://nas.local${FILE}`, /internal host name \(nas\.local\)/],
  ["a cloud-internal name", "https://metadata.google.internal/computeMetadata/v1/", /internal host name \(metadata\.google\.internal\)/],
  ["a home.arpa name", `https://printer.home.arpa${FILE}`, /internal host name/],
];

describe("audio_url validation", () => {
  let h: Harness;
  let key: string;
  beforeAll(async () => {
    h = createHarness();
    key = (await h.seedTenant("Clinic")).key;
  });

  it.each(REFUSED)("refuses %s with a 400 that says why", async (_name, url, says) => {
    const res = await post(h, key, url);
    expect(res.status).toBe(400);
    const { error } = await envelope(res);
    expect(error.code).toBe("validation_failed");
    expect(error.details?.issues).toEqual([{ field: "audio_url", location: "json", message: expect.stringMatching(says) }]);
    expect(error.message).toMatch(says);
    expect(h.sandbox.counters.transcriptsCreated).toBe(0);
  });

  it.each([
    ["a public host", KNEE_AUDIO_URL],
    ["a public IPv4 literal", `https://8.8.8.8${FILE}`],
    ["a public IPv6 literal", `https://[2606:4700::1111]${FILE}`],
    ["a public IPv4-mapped IPv6 literal", `https://[::ffff:8.8.8.8]${FILE}`],
    ["a pre-signed URL (token in the query)", `https://bucket.s3.amazonaws.com${FILE}?X-Amz-Signature=abc`],
  ])("accepts %s", async (_name, url) => {
    const res = await post(h, key, url);
    expect(res.status, await res.clone().text()).toBe(202);
  });
});

describe("DEVELOPMENT_MODE", () => {
  it("accepts the sandbox on 127.0.0.1 over http, but still refuses credentials", async () => {
    const h = createHarness({ vars: { DEVELOPMENT_MODE: "true", ASSEMBLYAI_BASE_URL: "http://127.0.0.1:4010", ASSEMBLYAI_GATEWAY_URL: "http://127.0.0.1:4010", PUBLIC_BASE_URL: "http://127.0.0.1:8787" } });
    const { key } = await h.seedTenant("Local dev");
    expect((await post(h, key, `http://127.0.0.1:4010${FILE}`)).status).toBe(202);
    expect((await post(h, key, `https://localhost${FILE}`)).status).toBe(202);
    expect((await post(h, key, `http://user:pw@127.0.0.1:4010${FILE}`)).status).toBe(400);
  });

  it.each([
    ["ASSEMBLYAI_BASE_URL unset (the real service)", { ASSEMBLYAI_BASE_URL: "" }],
    ["ASSEMBLYAI_BASE_URL on api.assemblyai.com", { ASSEMBLYAI_BASE_URL: "https://api.assemblyai.com" }],
    ["ASSEMBLYAI_GATEWAY_URL on llm-gateway.assemblyai.com", { ASSEMBLYAI_GATEWAY_URL: "https://llm-gateway.assemblyai.com" }],
  ])("makes the Worker refuse to serve with %s, telling the operator why in the log only", async (_name, vars) => {
    const h = createHarness({ vars: { DEVELOPMENT_MODE: "true", ...vars } });
    for (const path of ["/v1/health", "/v1/notes"]) {
      const res = await h.request(path, { method: path === "/v1/notes" ? "POST" : "GET", json: path === "/v1/notes" ? { audio_url: `http://127.0.0.1${FILE}` } : undefined });
      expect(res.status).toBe(500);
      const { error } = await envelope(res);
      expect(error.code).toBe("misconfigured");
      expect(error.message).not.toMatch(/DEVELOPMENT_MODE|ASSEMBLYAI/);
    }
    expect(h.logs).toContainEqual(expect.objectContaining({ event: "config.invalid", issues: [expect.stringMatching(/^DEVELOPMENT_MODE: must not be "true" while ASSEMBLYAI/)] }));
    expect(h.sandbox.counters.transcriptsCreated).toBe(0);
  });
});

describe("a tenant's audio host allowlist", () => {
  it("accepts only the listed hosts (exact, or any subdomain of a *. pattern), naming them when it refuses", async () => {
    const h = createHarness();
    const { tenantId, key } = await h.seedTenant("Listed Clinic");
    const other = await h.seedTenant("Unlisted Clinic");
    await env.DB.prepare("UPDATE tenants SET audio_url_hosts = ?2 WHERE id = ?1").bind(tenantId, JSON.stringify(["cdn.clinic.example", "*.media.example.com"])).run();
    expect((await post(h, key, `https://cdn.clinic.example${FILE}`)).status).toBe(202);
    expect((await post(h, key, `https://eu.media.example.com${FILE}`)).status).toBe(202);
    const refused = await post(h, key, KNEE_AUDIO_URL); // the apex is not a subdomain
    expect(refused.status).toBe(400);
    expect((await envelope(refused)).error.message).toMatch(/host media\.example\.com is not one of this tenant's allowed audio hosts \(cdn\.clinic\.example, \*\.media\.example\.com\)/);
    expect((await post(h, other.key, KNEE_AUDIO_URL)).status).toBe(202);
  });

  it("allows nothing, and logs it, when the stored list does not parse", async () => {
    const h = createHarness();
    const { tenantId, key } = await h.seedTenant("Broken Clinic");
    await env.DB.prepare("UPDATE tenants SET audio_url_hosts = 'media.example.com' WHERE id = ?1").bind(tenantId).run();
    const res = await post(h, key, KNEE_AUDIO_URL);
    expect(res.status).toBe(400);
    expect((await envelope(res)).error.message).toMatch(/allowed audio hosts \(none\)/);
    expect(h.logs).toContainEqual(expect.objectContaining({ event: "tenant.allowlist_unreadable", tenant_id: tenantId }));
  });
});
