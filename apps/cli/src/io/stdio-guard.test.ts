import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { guardStdio } from "./stdio-guard.js";

const failure = (code: string) => Object.assign(new Error(`write ${code}`), { code });

describe("guardStdio", () => {
  it("turns a reader that went away (EPIPE) into a closed stream, not a crash nor a failure", () => {
    const stdout = new EventEmitter();
    const stderr = new EventEmitter();
    const guard = guardStdio({ stdout, stderr });
    // Without a listener, EventEmitter throws on 'error': the guard's listener is what keeps the CLI alive.
    expect(() => stdout.emit("error", failure("EPIPE"))).not.toThrow();
    expect(guard.closed("stdout")).toBe(true);
    expect(guard.closed("stderr")).toBe(false);
    expect(guard.failure()).toBeUndefined();
  });

  it("records any other write failure (a full disk behind `> file`), the first one only", () => {
    const stdout = new EventEmitter();
    const stderr = new EventEmitter();
    const guard = guardStdio({ stdout, stderr });
    stderr.emit("error", failure("EIO"));
    stdout.emit("error", failure("ENOSPC"));
    expect(guard.failure()).toEqual({ stream: "stderr", code: "EIO" });
    expect(guard.closed("stderr")).toBe(true);
  });
});
