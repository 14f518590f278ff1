import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./api-errors.js";
import { parseErrorBody } from "./error-body.js";
import { fromResponse } from "./from-response.js";
import { SoapNotesError } from "./soap-notes-error.js";

const KEY = "sk_live_0123456789abcdef";

function make(status: number, body: unknown, headers: Record<string, string> = {}, extra: { echoSources?: string[] } = {}) {
  return fromResponse({
    status,
    headers: new Headers(headers),
    bodyText: typeof body === "string" ? body : JSON.stringify(body),
    operation: "GET /v2/transcript/{id}",
    secrets: [KEY],
    now: () => Date.parse("2026-11-25T10:00:00Z"),
    ...extra,
  });
}

describe("fromResponse", () => {
  it.each([
    [400, BadRequestError, "BadRequestError"],
    [401, AuthenticationError, "AuthenticationError"],
    [403, PermissionDeniedError, "PermissionDeniedError"],
    [404, NotFoundError, "NotFoundError"],
    [409, ConflictError, "ConflictError"],
    [422, UnprocessableEntityError, "UnprocessableEntityError"],
    [429, RateLimitError, "RateLimitError"],
    [500, InternalServerError, "InternalServerError"],
    [503, InternalServerError, "InternalServerError"],
    [504, InternalServerError, "InternalServerError"],
    [418, ApiError, "ApiError"],
  ])("maps HTTP %i to %o with its name and status", (status, cls, name) => {
    const err = make(status, { error: "nope" });
    expect(err).toBeInstanceOf(cls);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(SoapNotesError);
    expect(err.name).toBe(name);
    expect(err.status).toBe(status);
    expect(err.message).toContain(`HTTP ${status}`);
    expect(err.message).toContain("nope");
  });

  it("maps AssemblyAI's 400 transcript lookup error to NotFoundError, keeping status 400", () => {
    const err = make(400, { error: "Transcript lookup error, transcript id not found" });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).not.toBeInstanceOf(BadRequestError);
    expect(err.name).toBe("NotFoundError");
    expect(err.status).toBe(400);
    expect(err.message).toContain("HTTP 400: Transcript lookup error, transcript id not found");
    // The spec's 404 for the same case is a NotFoundError too; any other 400 stays a BadRequestError.
    expect(make(404, { error: "Transcript lookup error, transcript id not found" })).toBeInstanceOf(NotFoundError);
    expect(make(400, { error: "Invalid transcript id: lookup failed" })).toBeInstanceOf(BadRequestError);
    expect(make(400, "Transcript lookup error")).toBeInstanceOf(NotFoundError);
  });

  it("takes the request id from the x-request-id header first, else from the body", () => {
    expect(make(500, { error: "x", request_id: "body-id" }, { "x-request-id": "hdr-id" }).requestId).toBe("hdr-id");
    expect(make(500, { error: "x", request_id: "body-id" }).requestId).toBe("body-id");
    expect(make(500, { message: "x", request_id: "r3" }).requestId).toBe("r3");
  });

  it("reads all gateway error envelopes and the v2 one", () => {
    const nested = make(400, { error: { code: 400, message: "missing model", metadata: {} } });
    expect(nested.message).toContain("missing model");
    expect(nested.code).toBe(400);
    expect(make(502, { message: "upstream down", request_id: "r1", metadata: {} }).message).toContain("upstream down");
    expect(make(500, { error: "boom", status: "error", request_id: "r2" }).message).toContain("boom");
    expect(make(401, { error: "Authentication error, API token missing/invalid" }).message).toContain("API token missing");
  });

  it("keeps the status of a non-JSON error page", () => {
    const err = make(502, "<html>Bad gateway</html>");
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.body).toBe("<html>Bad gateway</html>");
  });

  it("gives a 429 its Retry-After wait", () => {
    expect((make(429, { error: "Too Many Requests" }, { "Retry-After": "12" }) as RateLimitError).retryAfterMs).toBe(12_000);
    expect((make(429, { error: "Too Many Requests" }) as RateLimitError).retryAfterMs).toBeUndefined();
  });

  it("never leaks the API key when the body echoes it, in message, body or code", () => {
    const err = make(401, { error: { code: `bad-${KEY}`, message: `Invalid key ${KEY}`, metadata: { key: KEY } } });
    expect(err.message).not.toContain(KEY);
    expect(JSON.stringify(err.body)).not.toContain(KEY);
    expect(String(err.code)).not.toContain(KEY);
    expect(err.message).toContain("[redacted]");
  });

  it("never leaks the key whatever error body surrounds it", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.constantFrom(400, 401, 403, 429, 500), (before, after, status) => {
        const bodies = [{ error: `${before}${KEY}${after}` }, { message: `${before}${KEY}${after}` }, `${before}${KEY}${after}`];
        return bodies.every((b) => {
          const err = make(status, b, { "x-request-id": KEY });
          return !err.message.includes(KEY) && !JSON.stringify(err.body ?? "").includes(KEY) && !String(err.requestId).includes(KEY);
        });
      }),
    );
  });

  it("masks an echo of the prompt or transcript text sent", () => {
    const transcript = "Patient reports sharp knee pain since the fall in May, worse on stairs.";
    const err = make(400, { error: { code: 400, message: `content rejected: '${transcript.slice(5, 60)}'` } }, {}, { echoSources: [transcript] });
    expect(err.message).not.toContain("knee pain since the fall");
    expect(JSON.stringify(err.body)).not.toContain("knee pain since the fall");
    expect(err.message).toContain("content rejected");
  });
});

describe("parseErrorBody", () => {
  it("returns nothing for bodies in no known envelope", () => {
    expect(parseErrorBody({ foo: 1 })).toEqual({ message: undefined, code: undefined, requestId: undefined });
    expect(parseErrorBody(null).message).toBeUndefined();
  });
});
