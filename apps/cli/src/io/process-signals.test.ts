import { describe, expect, it } from "vitest";
import type { StopSignal } from "../errors/cli-errors.js";
import { installSignalHub, type SignalProcess } from "./process-signals.js";

/** A process double: signals are raised by hand, exits are recorded instead of taken. */
function fakeProcess() {
  const listeners = new Map<StopSignal, Set<() => void>>();
  const exits: number[] = [];
  let stderr = "";
  const proc: SignalProcess = {
    on: (s, l) => void (listeners.get(s) ?? listeners.set(s, new Set()).get(s))?.add(l),
    off: (s, l) => void listeners.get(s)?.delete(l),
    exit: (code) => void exits.push(code),
    tell: (message, code) => void (stderr += `[${code}] ${message}\n`),
  };
  return {
    proc,
    exits,
    stderr: () => stderr,
    raise: (s: StopSignal) => [...(listeners.get(s) ?? [])].forEach((l) => l()),
    count: (s: StopSignal) => listeners.get(s)?.size ?? 0,
  };
}

const RERUN = "soap-notes batch m.csv --out notes";

describe("installSignalHub", () => {
  it("listens for SIGINT and SIGTERM as soon as it is installed, and stops listening when disposed", () => {
    const p = fakeProcess();
    const hub = installSignalHub(p.proc, RERUN);
    expect([p.count("SIGINT"), p.count("SIGTERM")]).toEqual([1, 1]);
    hub.dispose();
    expect([p.count("SIGINT"), p.count("SIGTERM")]).toEqual([0, 0]);
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("exits %s with %i and prints the command to run again when no work is under way", (signal, code) => {
    const p = fakeProcess();
    const hub = installSignalHub(p.proc, RERUN);
    p.raise(signal);
    expect(p.exits).toEqual([code]);
    expect(p.stderr()).toBe(`[${code}] interrupted (${signal}); to resume, run the same command again:\n  ${RERUN}\n`);
    expect(hub.received()).toBe(signal);
  });

  it("hands the first signal to the registered handlers instead of exiting, and forces the exit on the second", () => {
    const p = fakeProcess();
    const hub = installSignalHub(p.proc, RERUN);
    const got: StopSignal[] = [];
    const off = hub.onInterrupt((s) => got.push(s));
    p.raise("SIGTERM");
    expect(got).toEqual(["SIGTERM"]);
    expect(p.exits).toEqual([]);
    p.raise("SIGINT");
    expect(p.exits).toEqual([130]);
    expect(p.stderr()).toMatch(/^\[130\] SIGINT again: exiting now; .*run the same command to resume:\n {2}soap-notes batch m\.csv --out notes\n$/);
    expect(got).toEqual(["SIGTERM"]);
    expect(hub.received()).toBe("SIGTERM");
    off();
  });

  it("delivers an earlier signal at once to work registered after it (the next step of a stopping command)", async () => {
    const p = fakeProcess();
    const hub = installSignalHub(p.proc, RERUN);
    const off = hub.onInterrupt(() => undefined);
    p.raise("SIGINT");
    off();
    const got: StopSignal[] = [];
    hub.onInterrupt((s) => got.push(s));
    await Promise.resolve();
    expect(got).toEqual(["SIGINT"]);
    expect(p.exits).toEqual([]);
  });

  it("calls a handler no more once it is removed", () => {
    const p = fakeProcess();
    const hub = installSignalHub(p.proc, RERUN);
    const got: StopSignal[] = [];
    hub.onInterrupt((s) => got.push(s))();
    p.raise("SIGTERM");
    expect(got).toEqual([]);
    expect(p.exits).toEqual([143]);
  });
});
