import { fromResponse, UnredactedTextError } from "@org/soap-core";
import { ConfigError, TemplateNotFoundError } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { AuthError, InputError, VisitsFailedError } from "./cli-errors.js";
import { describeError } from "./describe-error.js";

const named = (name: string, message: string) => Object.assign(new Error(message), { name });
const api = (status: number) => fromResponse({ status, headers: new Headers(), bodyText: '{"error":"Transcript not found"}', operation: "GET /v2/transcript/{id}", secrets: [] });

describe("describeError", () => {
  it("keeps our own errors' message and exit code", () => {
    expect(describeError(new InputError("audio file not found: x.mp3"))).toEqual({ message: "audio file not found: x.mp3", exitCode: 2 });
    expect(describeError(new AuthError("no"))).toEqual({ message: "no", exitCode: 3 });
    expect(describeError(new VisitsFailedError(2, 6)).exitCode).toBe(1);
  });

  it("turns a 401 into 'check ASSEMBLYAI_API_KEY' with exit code 3", () => {
    const r = describeError(api(401));
    expect(r.exitCode).toBe(3);
    expect(r.message).toMatch(/check ASSEMBLYAI_API_KEY/);
  });

  it("maps template and config errors to usage errors", () => {
    expect(describeError(new TemplateNotFoundError("soap-x@1", ["soap-complete@1"], "no soap-x@1")).exitCode).toBe(2);
    expect(describeError(new ConfigError([{ path: "model", message: "required" }])).exitCode).toBe(2);
    // By class only: an error that merely carries the name is not mistaken for ours.
    expect(describeError(named("ConfigError", "x")).exitCode).toBe(1);
  });

  it("turns core's refusal of an unredacted text dialogue into exit 2, naming --deidentified and --no-redact", () => {
    const r = describeError(new UnredactedTextError("Refusing to send a text dialogue… deidentified: true … redaction: false"));
    expect(r.exitCode).toBe(2);
    expect(r.message).toMatch(/^refusing to send a text dialogue/);
    expect(r.message).toMatch(/--deidentified/);
    expect(r.message).toMatch(/--no-redact/);
    expect(r.message).toMatch(/Nothing was sent/);
  });

  it("points a 404 at the id and the region", () => {
    expect(describeError(api(404)).message).toMatch(/check the id, and --region/);
  });

  it("treats AssemblyAI's 400 transcript lookup error as not found, with the status it came with", () => {
    const lookup = fromResponse({ status: 400, headers: new Headers(), bodyText: '{"error":"Transcript lookup error, transcript id not found"}', operation: "GET /v2/transcript/{id}", secrets: [] });
    const r = describeError(lookup);
    expect(r.message).toMatch(/^not found at AssemblyAI \(400\): .*check the id, and --region/);
    expect(r.exitCode).toBe(1);
  });

  it("reports anything else by name with exit code 1", () => {
    expect(describeError(named("InternalServerError", "500"))).toEqual({ message: "InternalServerError: 500", exitCode: 1 });
    expect(describeError("weird")).toEqual({ message: "unexpected error: weird", exitCode: 1 });
  });
});
