import { afterEach, describe, expect, it, vi } from "vitest";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { getDefaultFetch } from "./default-fetch.js";
import { resolveConfig } from "./resolve-config.js";

const fetchStub = (async () => new Response("{}")) as typeof fetch;

describe("resolveConfig", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("uses the US hosts by default", () => {
    const c = resolveConfig({ apiKey: "k", fetch: fetchStub });
    expect(c.apiBaseUrl).toBe("https://api.assemblyai.com");
    expect(c.gatewayBaseUrl).toBe("https://llm-gateway.assemblyai.com");
    expect(c.timeoutMs).toBe(60_000);
    expect(c.maxRetries).toBe(2);
  });

  it('sets both hosts to the EU ones for region "eu"', () => {
    const c = resolveConfig({ apiKey: "k", region: "eu", fetch: fetchStub });
    expect(c.apiBaseUrl).toBe("https://api.eu.assemblyai.com");
    expect(c.gatewayBaseUrl).toBe("https://llm-gateway.eu.assemblyai.com");
  });

  it("lets explicit base URLs override the region one by one, trimming slashes and a /v1", () => {
    const c = resolveConfig({ apiKey: "k", region: "eu", baseUrl: "http://localhost:8787/", fetch: fetchStub });
    expect(c.apiBaseUrl).toBe("http://localhost:8787");
    expect(c.gatewayBaseUrl).toBe("https://llm-gateway.eu.assemblyai.com");
    const g = resolveConfig({ apiKey: "k", gatewayBaseUrl: "http://localhost:8787/v1/", fetch: fetchStub });
    expect(g.gatewayBaseUrl).toBe("http://localhost:8787");
  });

  it("rejects a missing key, a bad region and a relative base URL", () => {
    expect(() => resolveConfig({ apiKey: "", fetch: fetchStub })).toThrow(/apiKey is required/);
    expect(() => resolveConfig({ apiKey: "k", region: "mars" as "us", fetch: fetchStub })).toThrow(/region/);
    expect(() => resolveConfig({ apiKey: "k", baseUrl: "/v2", fetch: fetchStub })).toThrow(/baseUrl/);
    expect(() => resolveConfig({ apiKey: "k", baseUrl: "ftp://x", fetch: fetchStub })).toThrow(/baseUrl/);
    expect(() => resolveConfig({ apiKey: "k", timeoutMs: 0, fetch: fetchStub })).toThrow(/timeoutMs/);
    expect(() => resolveConfig({ apiKey: "k", maxRetries: -1, fetch: fetchStub })).toThrow(/maxRetries/);
  });

  it("throws RequestValidationError (a SoapNotesError, not a TypeError) naming the option", () => {
    const cases: [Parameters<typeof resolveConfig>[0], string][] = [
      [{ apiKey: "", fetch: fetchStub }, "apiKey"],
      [{ apiKey: "k", region: "mars" as "us", fetch: fetchStub }, "region"],
      [{ apiKey: "k", baseUrl: "/v2", fetch: fetchStub }, "baseUrl"],
      [{ apiKey: "k", timeoutMs: 0, fetch: fetchStub }, "timeoutMs"],
      [{ apiKey: "k", maxRetries: -1, fetch: fetchStub }, "maxRetries"],
    ];
    for (const [options, option] of cases) {
      let caught: unknown;
      try {
        resolveConfig(options);
      } catch (err) {
        caught = err;
      }
      expect(caught, option).toBeInstanceOf(RequestValidationError);
      expect(caught, option).not.toBeInstanceOf(TypeError);
      expect((caught as RequestValidationError).issues[0]?.path, option).toEqual([option]);
    }
  });

  it("takes the global fetch when none is given", () => {
    const g = vi.fn(fetchStub);
    vi.stubGlobal("fetch", g);
    expect(resolveConfig({ apiKey: "k" }).fetch).toBe(g);
  });
});

describe("getDefaultFetch", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("explains how to fix a runtime without fetch", () => {
    vi.stubGlobal("fetch", undefined);
    expect(() => getDefaultFetch()).toThrow(/pass one explicitly/);
    expect(() => getDefaultFetch()).toThrow(RequestValidationError);
  });
});
