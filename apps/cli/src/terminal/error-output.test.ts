import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/cli-errors.js";
import { errorCode, printError, snakeCase, wantsJson } from "./error-output.js";

function ctx(env: Record<string, string> = {}) {
  let err = "";
  return { out: () => err, stderr: { write: (c: string | Uint8Array) => ((err += String(c)), true) }, env };
}

describe("wantsJson", () => {
  it("finds --json among the options, not after --", () => {
    expect(wantsJson(["batch", "m.csv", "--json"])).toBe(true);
    expect(wantsJson(["batch", "m.csv"])).toBe(false);
    expect(wantsJson(["note", "--", "--json"])).toBe(false);
  });
});

describe("errorCode", () => {
  it("is the class name or commander's code, in snake_case", () => {
    expect(errorCode(new InputError("x"))).toBe("input_error");
    expect(errorCode(new CommanderError(1, "commander.unknownOption", "error: unknown option '--x'"))).toBe("unknown_option");
    expect(errorCode(Object.assign(new Error("x"), { name: "NotFoundError" }))).toBe("not_found_error");
    expect(errorCode(new Error("x"))).toBe("unexpected_error");
    expect(errorCode("boom")).toBe("unexpected_error");
    expect(snakeCase("ResponseValidationError")).toBe("response_validation_error");
  });
});

describe("printError", () => {
  it("prints one soap-notes: line, or one JSON object with --json", () => {
    const plain = ctx();
    printError(plain, new InputError("audio file not found: x.mp3"), { message: "audio file not found: x.mp3", exitCode: 2 }, false);
    expect(plain.out()).toBe("soap-notes: audio file not found: x.mp3\n");
    const json = ctx();
    printError(json, new InputError("audio file not found: x.mp3"), { message: "audio file not found: x.mp3", exitCode: 2 }, true);
    expect(json.out()).toBe('{"error":{"code":"input_error","message":"audio file not found: x.mp3","exit_code":2}}\n');
  });

  it("adds the stack with SOAP_NOTES_DEBUG=1, inside the JSON object under --json", () => {
    const json = ctx({ SOAP_NOTES_DEBUG: "1" });
    printError(json, new InputError("bad"), { message: "bad", exitCode: 2 }, true);
    expect(json.out().trim().split("\n")).toHaveLength(1);
    expect((JSON.parse(json.out()) as { error: { stack: string } }).error.stack).toMatch(/InputError: bad\n\s+at /);
  });
});
