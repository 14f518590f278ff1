import { describe, expect, it } from "vitest";
import { expectedPartBytes, partCount, safeFileName, UPLOAD_PART_BYTES } from "./upload-limits.js";

describe("upload parts", () => {
  it("splits a size into full parts and a shorter last one", () => {
    const size = UPLOAD_PART_BYTES * 2 + 5;
    expect(partCount(size)).toBe(3);
    expect(expectedPartBytes(size, 1)).toBe(UPLOAD_PART_BYTES);
    expect(expectedPartBytes(size, 3)).toBe(5);
    expect(expectedPartBytes(size, 4)).toBeUndefined();
    expect(expectedPartBytes(size, 0)).toBeUndefined();
  });

  it("has one part for a small recording and for an exact multiple no empty last part", () => {
    expect(partCount(10)).toBe(1);
    expect(expectedPartBytes(10, 1)).toBe(10);
    expect(partCount(UPLOAD_PART_BYTES * 2)).toBe(2);
    expect(expectedPartBytes(UPLOAD_PART_BYTES * 2, 2)).toBe(UPLOAD_PART_BYTES);
  });
});

describe("safeFileName", () => {
  it("keeps the last segment and replaces unsafe characters", () => {
    expect(safeFileName("/home/dr/visits/visit 01?.mp3")).toBe("visit-01-.mp3");
    expect(safeFileName("C:\\rec\\a.wav")).toBe("a.wav");
    expect(safeFileName("../..")).toBe("audio");
    expect(safeFileName(undefined)).toBe("audio");
  });
});
