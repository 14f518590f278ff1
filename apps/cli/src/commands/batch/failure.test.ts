import { fromResponse, ResponseValidationError, TranscriptFailedError } from "@org/soap-core";
import { describe, expect, it } from "vitest";
import { InputError } from "../../errors/cli-errors.js";
import { describeFailure, isAuthFailure } from "./failure.js";

const api = (status: number) => fromResponse({ status, headers: new Headers(), bodyText: '{"error":"x"}', operation: "GET /v2/transcript/{id}", secrets: [] });

const named = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

describe("describeFailure", () => {
  it("marks client errors, failed transcripts and the CLI's input errors permanent (core's isPermanentError)", () => {
    expect(describeFailure(api(400)).permanent).toBe(true);
    expect(describeFailure(api(413)).permanent).toBe(true);
    expect(describeFailure(new TranscriptFailedError("t", "no audio"))).toMatchObject({ permanent: true, transcript_failed: true });
    expect(describeFailure(new InputError("empty file")).permanent).toBe(true);
    // Classified by class, never by a name string another library could reuse.
    expect(describeFailure(named("InputError", "empty file")).permanent).toBe(false);
  });

  it("marks server, rate limit, conflict, connection errors and garbled answers transient", () => {
    expect(describeFailure(api(503)).permanent).toBe(false);
    expect(describeFailure(api(429)).permanent).toBe(false);
    expect(describeFailure(api(409)).permanent).toBe(false);
    expect(describeFailure(named("ConnectionError", "reset")).permanent).toBe(false);
    expect(describeFailure(new ResponseValidationError("truncated", { issues: [] })).permanent).toBe(false);
  });

  it("keeps only the first line of a message", () => {
    expect(describeFailure(named("X", "one\ntwo")).message).toBe("one");
  });
});

describe("isAuthFailure", () => {
  it("recognises 401 and 403 errors", () => {
    expect(isAuthFailure(api(401))).toBe(true);
    expect(isAuthFailure(api(403))).toBe(true);
    expect(isAuthFailure(api(404))).toBe(false);
    expect(isAuthFailure(named("AuthenticationError", "x"))).toBe(false);
  });
});
