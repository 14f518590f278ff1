import { describe, expect, it } from "vitest";
import { describeFailure, isAuthFailure } from "./failure.js";

const named = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

describe("describeFailure", () => {
  it("marks client errors and failed transcripts permanent", () => {
    expect(describeFailure(named("BadRequestError", "bad", { status: 400 })).permanent).toBe(true);
    expect(describeFailure(named("TranscriptFailedError", "Transcript t failed: no audio"))).toMatchObject({ permanent: true, transcript_failed: true });
  });

  it("marks server, rate limit and connection errors transient", () => {
    expect(describeFailure(named("InternalServerError", "x", { status: 503 })).permanent).toBe(false);
    expect(describeFailure(named("RateLimitError", "x", { status: 429 })).permanent).toBe(false);
    expect(describeFailure(named("ConnectionError", "reset")).permanent).toBe(false);
  });

  it("keeps only the first line of a message", () => {
    expect(describeFailure(named("X", "one\ntwo")).message).toBe("one");
  });
});

describe("isAuthFailure", () => {
  it("recognises 401 and 403 errors", () => {
    expect(isAuthFailure(named("AuthenticationError", "x"))).toBe(true);
    expect(isAuthFailure(named("PermissionDeniedError", "x"))).toBe(true);
    expect(isAuthFailure(named("NotFoundError", "x"))).toBe(false);
  });
});
