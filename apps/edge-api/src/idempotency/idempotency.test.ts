import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, IDEMPOTENCY_STALE_MS } from "./idempotency-key.js";
import type { IdempotencyRecord } from "./idempotency-store.js";
import { existingUse, replayedError } from "./replay.js";

describe("canonicalJson", () => {
  it("ignores key order and undefined fields, and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(canonicalJson(undefined)).toBe("null");
  });

  it("gives equal strings for equal values whatever the key order", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("existingUse", () => {
  const record: IdempotencyRecord = { request_hash: "h1", claim_id: "c", job_id: "j", response_status: null, response_body: null, created_at: 1_000, expires_at: 9e12 };

  it("tells a conflict, a use in progress, an answer and an interrupted use apart", () => {
    expect(existingUse(record, "h2", 1_000)).toEqual({ kind: "conflict" });
    expect(existingUse(record, "h1", 1_000 + IDEMPOTENCY_STALE_MS - 1)).toEqual({ kind: "in_progress", retryAfterSeconds: 1 });
    expect(existingUse(record, "h1", 1_000 + IDEMPOTENCY_STALE_MS)).toEqual({ kind: "interrupted", jobId: "j" });
    expect(existingUse({ ...record, response_status: 202, response_body: "{}" }, "h1", 1_000)).toEqual({ kind: "answered", status: 202, body: "{}" });
  });

  it("replays a stored error as it was, and a broken row as an internal error", () => {
    const replayed = replayedError(502, JSON.stringify({ code: "transcript_create_uncertain", message: "m", details: { id: "j" } }));
    expect({ status: replayed.status, code: replayed.code, details: replayed.details, headers: replayed.headers }).toEqual({
      status: 502,
      code: "transcript_create_uncertain",
      details: { id: "j" },
      headers: { "Idempotent-Replayed": "true" },
    });
    expect(replayedError(502, "{not json").code).toBe("internal_error");
    expect(replayedError(502, JSON.stringify({ code: "nope", message: "m" })).code).toBe("internal_error");
  });
});
