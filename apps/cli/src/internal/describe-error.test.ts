import { describe, expect, it } from "vitest";
import { describeError } from "./describe-error.js";
import { AuthError, InputError, VisitsFailedError } from "./errors.js";

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe("describeError", () => {
  it("keeps our own errors' message and exit code", () => {
    expect(describeError(new InputError("audio file not found: x.mp3"))).toEqual({ message: "audio file not found: x.mp3", exitCode: 2 });
    expect(describeError(new AuthError("no"))).toEqual({ message: "no", exitCode: 3 });
    expect(describeError(new VisitsFailedError(2, 6)).exitCode).toBe(1);
  });

  it("turns a 401 into 'check ASSEMBLYAI_API_KEY' with exit code 3", () => {
    const r = describeError(named("AuthenticationError", "401 Unauthorized"));
    expect(r.exitCode).toBe(3);
    expect(r.message).toMatch(/check ASSEMBLYAI_API_KEY/);
  });

  it("maps template and config errors to usage errors", () => {
    expect(describeError(named("TemplateNotFoundError", "no soap-x@1. Available templates: soap-complete@1")).exitCode).toBe(2);
    expect(describeError(named("ConfigError", "Invalid soap config: model: required")).exitCode).toBe(2);
  });

  it("points a 404 at the id and the region", () => {
    expect(describeError(named("NotFoundError", "Transcript not found")).message).toMatch(/check the id, and --region/);
  });

  it("reports anything else by name with exit code 1", () => {
    expect(describeError(named("InternalServerError", "500"))).toEqual({ message: "InternalServerError: 500", exitCode: 1 });
    expect(describeError("weird")).toEqual({ message: "unexpected error: weird", exitCode: 1 });
  });
});
