import { describe, expect, it } from "vitest";
import { BindingsError, parseAppConfig } from "./app-config.js";

const db = { prepare: () => undefined };
const queue = { send: () => undefined };
const valid = {
  DB: db,
  NOTE_JOBS: queue,
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
