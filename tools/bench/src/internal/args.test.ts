import { describe, expect, it } from "vitest";
import { BenchArgsError, parseBenchArgs } from "./args.js";

describe("parseBenchArgs", () => {
  it("runs all eight and writes the docs when no benchmark is named", () => {
    expect(parseBenchArgs([])).toEqual({ ids: ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8"], reps: 5, writeDocs: true, help: false });
  });
  it("runs one benchmark alone, case-insensitively, without touching the docs", () => {
    expect(parseBenchArgs(["b2"])).toMatchObject({ ids: ["B2"], writeDocs: false });
  });
  it("accepts comma-separated ids and keeps B1..B8 order", () => {
    expect(parseBenchArgs(["B7,B5,B1", "B3"]).ids).toEqual(["B1", "B3", "B5", "B7"]);
  });
  it("reads --reps N and --reps=N", () => {
    expect(parseBenchArgs(["--reps", "5"]).reps).toBe(5);
    expect(parseBenchArgs(["--reps=2"]).reps).toBe(2);
  });
  it("lets --docs and --no-docs override the default", () => {
    expect(parseBenchArgs(["B1", "--docs"]).writeDocs).toBe(true);
    expect(parseBenchArgs(["--no-docs"]).writeDocs).toBe(false);
  });
  it("rejects an unknown benchmark, naming the accepted ones", () => {
    expect(() => parseBenchArgs(["B9"])).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(["B9"])).toThrow(/B1, B2, B3, B4, B5, B6, B7, B8/);
  });
  it("rejects a bad --reps and an unknown option", () => {
    expect(() => parseBenchArgs(["--reps", "0"])).toThrow(/--reps/);
    expect(() => parseBenchArgs(["--reps"])).toThrow(/got nothing/);
    expect(() => parseBenchArgs(["--fast"])).toThrow(/unknown option --fast/);
  });
});
