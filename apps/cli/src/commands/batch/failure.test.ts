import { ConnectionError, fromResponse, ResponseValidationError, TimeoutError, TranscriptFailedError } from "@org/soap-core";
import { describe, expect, it } from "vitest";
import { InputError } from "../../errors/cli-errors.js";
import { describeFailure, isAuthFailure, isConnectionFailure, unreachableError } from "./failure.js";

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

  it("names the host a connection failure could not reach", () => {
    const err = new ConnectionError("POST /v2/upload could not connect: ENOTFOUND", { code: "ENOTFOUND", host: "api.assemblyai.com" });
    expect(describeFailure(err)).toMatchObject({ name: "ConnectionError", message: "POST /v2/upload could not connect: ENOTFOUND (api.assemblyai.com)", permanent: false });
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

describe("isConnectionFailure", () => {
  it("is true only for core's ConnectionError that never reached the host, not for resets, timeouts or answers", () => {
    expect(isConnectionFailure(new ConnectionError("x", { code: "ECONNREFUSED" }))).toBe(true);
    expect(isConnectionFailure(new ConnectionError("x", { code: "EAI_AGAIN" }))).toBe(true);
    expect(isConnectionFailure(new ConnectionError("x", { code: "CERT_HAS_EXPIRED" }))).toBe(true);
    // The host answered before cutting the connection: a transient fault of that visit.
    expect(isConnectionFailure(new ConnectionError("x", { code: "ECONNRESET" }))).toBe(false);
    expect(isConnectionFailure(new ConnectionError("x", { code: "UND_ERR_SOCKET" }))).toBe(false);
    expect(isConnectionFailure(new TimeoutError("slow"))).toBe(false);
    expect(isConnectionFailure(api(503))).toBe(false);
    expect(isConnectionFailure(named("ConnectionError", "x"))).toBe(false);
  });
});

describe("unreachableError", () => {
  it("is exit 4 with the host, the cause, how far the batch got, and the command to resume", () => {
    const cause = new ConnectionError("POST /v2/upload could not connect: ENOTFOUND", { code: "ENOTFOUND", host: "api.assemblyai.com" });
    const err = unreachableError({ networkError: cause, unreachable: 5, done: 2 }, "soap-notes batch m.csv --out notes");
    expect(err.exitCode).toBe(4);
    expect(err.cause).toBe(cause);
    expect(err.message).toMatch(/^cannot reach api\.assemblyai\.com: the name does not resolve \(DNS ENOTFOUND\); .*; the batch stopped \(5 visits could not connect, 2 done\); progress is saved, run the same command again to resume: soap-notes batch m\.csv --out notes$/);
  });
});

