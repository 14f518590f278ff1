import { describe, expect, it } from "vitest";
import { canRedraw, colorDepth, colorEnabled, colorEnv, painter } from "./color.js";

const tty = { isTTY: true, write: () => true };
const pipe = { isTTY: false, write: () => true };

describe("colour detection (Node's own rules)", () => {
  it("colours a colour terminal, not a pipe", () => {
    expect(colorEnabled(tty, { TERM: "xterm-256color" })).toBe(true);
    expect(colorDepth(tty, { TERM: "xterm-256color" })).toBe(8);
    expect(colorEnabled(pipe, { TERM: "xterm-256color" })).toBe(false);
  });

  it("honours NO_COLOR when it is not empty (no-color.org)", () => {
    expect(colorEnabled(tty, { TERM: "xterm-256color", NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled(tty, { TERM: "xterm-256color", NO_COLOR: "" })).toBe(true);
  });

  it("gives TERM=dumb no colour", () => {
    expect(colorEnabled(tty, { TERM: "dumb" })).toBe(false);
  });

  it.each([
    ["0", false, 1],
    ["1", true, 4],
    ["2", true, 8],
    ["3", true, 24],
  ])("FORCE_COLOR=%s forces colour depth on or off, even in a pipe", (value, on, depth) => {
    expect(colorEnabled(pipe, { FORCE_COLOR: value })).toBe(on);
    expect(colorDepth(pipe, { FORCE_COLOR: value })).toBe(depth);
    expect(colorEnabled(tty, { FORCE_COLOR: value, TERM: "xterm-256color" })).toBe(on);
  });

  it("lets FORCE_COLOR beat NO_COLOR, as Node does, without Node's warning", () => {
    expect(colorEnv({ FORCE_COLOR: "1", NO_COLOR: "1" })).toEqual({ FORCE_COLOR: "1" });
    expect(colorEnabled(pipe, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(true);
  });

  it("asks a real terminal stream itself", () => {
    const asked: unknown[] = [];
    const stream = { isTTY: true, write: () => true, getColorDepth: (env: unknown) => (asked.push(env), 24) };
    expect(colorDepth(stream, { TERM: "xterm", NO_COLOR: "" })).toBe(24);
    expect(asked).toEqual([{ TERM: "xterm" }]);
  });
});

describe("canRedraw", () => {
  it("redraws a terminal unless TERM=dumb, never a pipe", () => {
    expect(canRedraw(tty, { TERM: "xterm" })).toBe(true);
    expect(canRedraw(tty, { TERM: "dumb" })).toBe(false);
    expect(canRedraw(pipe, { TERM: "xterm" })).toBe(false);
  });
});

describe("painter", () => {
  it("styles with util.styleText when on, whatever stdout is, and not at all when off", () => {
    expect(painter(true)("red", "x")).toBe("\x1b[31mx\x1b[39m");
    expect(painter(false)("red", "x")).toBe("x");
  });
});
