import { ConnectionError, fromResponse, TimeoutError, UnredactedTextError } from "@org/soap-core";
import { ConfigError, TemplateNotFoundError } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { AuthError, InputError, VisitsFailedError } from "./cli-errors.js";
import { describeError } from "./describe-error.js";
import { FileSystemError } from "./fs-message.js";

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
    expect(describeError(named("ConfigError", "x")).exitCode).toBe(70);
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

  it("reports core's own failures (API answers, timeouts) by name with exit code 1: the work failed", () => {
    expect(describeError(api(500))).toEqual({ message: "InternalServerError: " + api(500).message, exitCode: 1 });
    expect(describeError(new TimeoutError("POST /v2/transcript timed out after 60000 ms.")).exitCode).toBe(1);
  });

  it("turns a connection failure into exit code 4 naming the host and the cause", () => {
    const r = describeError(new ConnectionError("GET /v2/transcript/{id} could not connect: ENOTFOUND", { code: "ENOTFOUND", host: "api.eu.assemblyai.com" }));
    expect(r.exitCode).toBe(4);
    expect(r.message).toMatch(/^cannot reach api\.eu\.assemblyai\.com: the name does not resolve \(DNS ENOTFOUND\)/);
  });

  it("turns a file-system error into a sentence naming the path, with exit code 2", () => {
    const raw = Object.assign(new Error("EACCES: permission denied, open '/in/m.csv'"), { code: "EACCES", syscall: "open", path: "/in/m.csv" });
    expect(describeError(raw)).toEqual({ message: "cannot open /in/m.csv: permission denied (EACCES); check its permissions", exitCode: 2 });
    const wrapped = new FileSystemError("/out/v1.md", "write", Object.assign(new Error("x"), { code: "ENOSPC" }));
    expect(describeError(wrapped)).toEqual({ message: "cannot write /out/v1.md: no space left on the device (ENOSPC); free some space or choose another disk", exitCode: 2 });
  });

  it("reports anything else as an internal error (a bug) with exit code 70, on one line", () => {
    const r = describeError(new TypeError("Cannot read properties of undefined (reading 'id')\n    at x (y.js:1:1)"));
    expect(r).toEqual({ message: "internal error: TypeError: Cannot read properties of undefined (reading 'id') (a bug in soap-notes: run again with SOAP_NOTES_DEBUG=1 for the stack trace, and report it)", exitCode: 70 });
    expect(describeError(named("InternalServerError", "500")).exitCode).toBe(70);
    expect(describeError("weird")).toEqual({ message: expect.stringMatching(/^internal error: unexpected value thrown: weird/), exitCode: 70 });
  });
});
