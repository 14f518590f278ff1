import { describe, expect, it } from "vitest";
import { BadRequestError, InternalServerError, RateLimitError } from "../../errors/api-errors.js";
import { TranscriptCreateUncertainError } from "../../errors/transcript-errors.js";
import { ConnectionError, TimeoutError } from "../../errors/transport-errors.js";
import { createFailure } from "./uncertain-create.js";

const api = (Cls: typeof InternalServerError, status: number) => new Cls({ status, message: `HTTP ${status}`, requestId: "req-1" });

describe("createFailure: the billing rule of POST /v2/transcript", () => {
  it("turns a 5xx, a 408, a timeout and a connection lost after sending into TranscriptCreateUncertainError", () => {
    const r500 = createFailure({ kind: "gave-up", error: api(InternalServerError, 500), outcome: { kind: "status", status: 500 } });
    expect(r500).toBeInstanceOf(TranscriptCreateUncertainError);
    expect(r500).toMatchObject({ status: 500, requestId: "req-1" });
    expect(createFailure({ kind: "gave-up", error: api(InternalServerError, 408), outcome: { kind: "status", status: 408 } })).toBeInstanceOf(TranscriptCreateUncertainError);
    expect(createFailure({ kind: "gave-up", error: new TimeoutError("t"), outcome: { kind: "timeout" } }).message).toMatch(/timed out/);
    expect(createFailure({ kind: "gave-up", error: new ConnectionError("c"), outcome: { kind: "connection", beforeSend: false } })).toBeInstanceOf(TranscriptCreateUncertainError);
  });

  it("passes through what AssemblyAI certainly did not process: 4xx, 429, 503, a connection never made, an abort", () => {
    const bad = api(BadRequestError, 400);
    expect(createFailure({ kind: "gave-up", error: bad, outcome: { kind: "status", status: 400 } })).toBe(bad);
    const limited = api(RateLimitError, 429);
    expect(createFailure({ kind: "gave-up", error: limited, outcome: { kind: "status", status: 429 } })).toBe(limited);
    const busy = api(InternalServerError, 503);
    expect(createFailure({ kind: "gave-up", error: busy, outcome: { kind: "status", status: 503 } })).toBe(busy);
    const refused = new ConnectionError("refused");
    expect(createFailure({ kind: "gave-up", error: refused, outcome: { kind: "connection", beforeSend: true } })).toBe(refused);
    const aborted = new Error("aborted");
    expect(createFailure({ kind: "gave-up", error: aborted, outcome: undefined })).toBe(aborted);
  });

  it("says the transcript probably exists when a 2xx answer did not validate", () => {
    const err = createFailure({ kind: "answered", error: new Error("bad body") });
    expect(err.message).toMatch(/^bad body AssemblyAI accepted the request, so the transcript probably exists/);
  });
});
