import { describe, expect, it } from "vitest";
import { BindingsError, parseAppConfig } from "./app-config.js";

const db = { prepare: () => undefined };
const queue = { send: () => undefined };
const limiter = { limit: async () => ({ success: true }) };
const valid = {
  DB: db,
  NOTE_JOBS: queue,
  IP_RATE_LIMITER: limiter,
  ASSEMBLYAI_API_KEY: "aai-key-not-real",
  WEBHOOK_SECRET: "0123456789abcdef0123",
  PUBLIC_BASE_URL: "https://api.example.com/",
  SOAP_CONFIG: "{}",
  RATE_LIMIT_PER_MINUTE: "",
  ASSEMBLYAI_BASE_URL: "",
  ASSEMBLYAI_GATEWAY_URL: "",
};

describe("parseAppConfig", () => {
  it("applies defaults and trims the base URL", () => {
    const config = parseAppConfig(valid);
    expect(config.publicBaseUrl).toBe("https://api.example.com");
    expect(config.rateLimitPerMinute).toBe(120);
    expect(config.assemblyaiBaseUrl).toBeUndefined();
    expect(config.soap.model.length).toBeGreaterThan(0);
  });

  it("names every missing or invalid binding in one error, without values", () => {
    const secret = "short";
    let caught: unknown;
    try {
      parseAppConfig({ ...valid, ASSEMBLYAI_API_KEY: undefined, WEBHOOK_SECRET: secret, PUBLIC_BASE_URL: "ftp://x", DB: undefined });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BindingsError);
    const error = caught as BindingsError;
    expect(error.issues.map((i) => i.binding).sort()).toEqual(["ASSEMBLYAI_API_KEY", "DB", "PUBLIC_BASE_URL", "WEBHOOK_SECRET"]);
    expect(error.message).toContain("wrangler secret put");
    expect(error.message).not.toContain(secret);
  });

  it("passes HTTP timeouts through to core, and refuses bad ones by name", () => {
    expect(parseAppConfig(valid).http).toEqual({ timeoutMs: undefined, chatTimeoutPerTokenMs: undefined, retryOnTimeout: false });
    const set = parseAppConfig({ ...valid, HTTP_TIMEOUT_SECONDS: "90", CHAT_TIMEOUT_PER_TOKEN_MS: "25", RETRY_CHAT_ON_TIMEOUT: "true" });
    expect(set.http).toEqual({ timeoutMs: 90_000, chatTimeoutPerTokenMs: 25, retryOnTimeout: true });
    expect(() => parseAppConfig({ ...valid, HTTP_TIMEOUT_SECONDS: "0" })).toThrow(/HTTP_TIMEOUT_SECONDS: must be positive/);
    expect(() => parseAppConfig({ ...valid, HTTP_TIMEOUT_SECONDS: "3600" })).toThrow(/HTTP_TIMEOUT_SECONDS: must be at most 900/);
    expect(() => parseAppConfig({ ...valid, RETRY_CHAT_ON_TIMEOUT: "yes" })).toThrow(/RETRY_CHAT_ON_TIMEOUT: must be "true" or "false"/);
  });

  it("reports SOAP_CONFIG that is not JSON or does not validate", () => {
    expect(() => parseAppConfig({ ...valid, SOAP_CONFIG: "{" })).toThrow(/SOAP_CONFIG: is not valid JSON/);
    expect(() => parseAppConfig({ ...valid, SOAP_CONFIG: JSON.stringify({ template: "no-such-template@9" }) })).toThrow(
      /SOAP_CONFIG: template/,
    );
    expect(() => parseAppConfig({ ...valid, SOAP_CONFIG: JSON.stringify({ transcription: { redact_pii_policies: ["person_name", "shoe_size"] } }) })).toThrow(
      /SOAP_CONFIG: transcription\.redact_pii_policies\[1\]: unknown redaction policy "shoe_size"/,
    );
  });

  it("redacts the HIPAA Safe Harbor identifiers when SOAP_CONFIG says nothing about transcription", () => {
    expect(parseAppConfig(valid).soap.transcription).toMatchObject({ redact_pii: true, redact_pii_sub: "hash" });
    expect(parseAppConfig(valid).soap.transcription.redact_pii_policies).toEqual(expect.arrayContaining(["person_name", "date_of_birth", "phone_number", "location"]));
  });
});

describe("deployment rules", () => {
  const sandbox = { ASSEMBLYAI_BASE_URL: "http://127.0.0.1:4010", ASSEMBLYAI_GATEWAY_URL: "http://127.0.0.1:4010" };
  const issuesOf = (env: Record<string, unknown>) => {
    try {
      parseAppConfig(env);
      return [];
    } catch (error) {
      if (!(error instanceof BindingsError)) throw error;
      return error.issues;
    }
  };

  it("accepts DEVELOPMENT_MODE against the sandbox, with an http public URL", () => {
    const config = parseAppConfig({ ...valid, ...sandbox, DEVELOPMENT_MODE: "true", PUBLIC_BASE_URL: "http://127.0.0.1:8787" });
    expect(config.development).toBe(true);
    expect(config.publicBaseUrl).toBe("http://127.0.0.1:8787");
  });

  it.each([
    ["both AssemblyAI URLs unset (the real service)", {}, /ASSEMBLYAI_BASE_URL and ASSEMBLYAI_GATEWAY_URL point at the real AssemblyAI/],
    ["the base URL on api.assemblyai.com", { ...sandbox, ASSEMBLYAI_BASE_URL: "https://api.assemblyai.com" }, /ASSEMBLYAI_BASE_URL points at the real/],
    ["the gateway on the EU host", { ...sandbox, ASSEMBLYAI_GATEWAY_URL: "https://llm-gateway.eu.assemblyai.com/" }, /ASSEMBLYAI_GATEWAY_URL points at the real/],
    ["the gateway unset", { ASSEMBLYAI_BASE_URL: sandbox.ASSEMBLYAI_BASE_URL, ASSEMBLYAI_GATEWAY_URL: "" }, /ASSEMBLYAI_GATEWAY_URL points at the real/],
  ])("refuses DEVELOPMENT_MODE with %s", (_name, urls, message) => {
    const issues = issuesOf({ ...valid, ...urls, DEVELOPMENT_MODE: "true" });
    expect(issues.map((i) => i.binding)).toEqual(["DEVELOPMENT_MODE"]);
    expect(issues[0]?.message).toMatch(message);
  });

  it("refuses an http PUBLIC_BASE_URL outside development, naming the fix", () => {
    const issues = issuesOf({ ...valid, ...sandbox, PUBLIC_BASE_URL: "http://api.example.com" });
    expect(issues).toEqual([{ binding: "PUBLIC_BASE_URL", message: expect.stringMatching(/must be an https URL.*DEVELOPMENT_MODE/) }]);
  });

  it("enforces redaction by default, and refuses a SOAP_CONFIG that turns it off while enforced", () => {
    expect(parseAppConfig(valid).enforceRedaction).toBe(true);
    const off = JSON.stringify({ transcription: { redact_pii: false } });
    expect(issuesOf({ ...valid, SOAP_CONFIG: off })).toEqual([{ binding: "SOAP_CONFIG", message: expect.stringMatching(/redact_pii is false while ENFORCE_REDACTION/) }]);
    expect(parseAppConfig({ ...valid, SOAP_CONFIG: off, ENFORCE_REDACTION: "false" }).enforceRedaction).toBe(false);
  });

  it("reads the tenant limits, with defaults, and refuses bad ones by name", () => {
    expect(parseAppConfig(valid).limits).toEqual({ createsPerMinute: 10, createsPerDay: 500, maxInFlight: 20, maxAudioSeconds: 7200 });
    const set = parseAppConfig({ ...valid, TENANT_CREATES_PER_MINUTE: "3", TENANT_CREATES_PER_DAY: "40", TENANT_MAX_IN_FLIGHT: "2", MAX_AUDIO_MINUTES: "90" });
    expect(set.limits).toEqual({ createsPerMinute: 3, createsPerDay: 40, maxInFlight: 2, maxAudioSeconds: 5400 });
    expect(issuesOf({ ...valid, TENANT_MAX_IN_FLIGHT: "0", MAX_AUDIO_MINUTES: "601" }).map((i) => `${i.binding}: ${i.message}`)).toEqual([
      "TENANT_MAX_IN_FLIGHT: must be at least 1",
      "MAX_AUDIO_MINUTES: must be at most 600",
    ]);
  });

  it("names a missing Rate Limiting binding", () => {
    expect(issuesOf({ ...valid, IP_RATE_LIMITER: undefined })).toEqual([{ binding: "IP_RATE_LIMITER", message: expect.stringContaining("ratelimits") }]);
  });
});
