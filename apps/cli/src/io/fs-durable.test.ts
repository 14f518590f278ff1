import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileSystemError } from "../errors/fs-message.js";
import { removeStaleTempFiles, writeFileAtomic } from "./fs-durable.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-fs-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("replaces the file whole and leaves no temp file behind", async () => {
    const path = join(dir, "note.md");
    await writeFile(path, "old");
    await writeFileAtomic(path, "new content");
    expect(await readFile(path, "utf8")).toBe("new content");
    expect(await readdir(dir)).toEqual(["note.md"]);
  });

  it("names the target, never its hidden temp file, when the write fails (a file where a folder should be)", async () => {
    await writeFile(join(dir, "blocker"), "x");
    const err = await writeFileAtomic(join(dir, "blocker", "note.md"), "text").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileSystemError);
    expect((err as FileSystemError).code).toBe("ENOTDIR");
    expect((err as Error).message).toBe(`cannot write ${join(dir, "blocker", "note.md")}: a part of ${join(dir, "blocker")} is a file, not a folder`);
  });

  it("removes its temp file when the rename fails (the target is a folder)", async () => {
    await mkdir(join(dir, "note.md"));
    const err = await writeFileAtomic(join(dir, "note.md"), "text").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileSystemError);
    expect((err as Error).message).toMatch(/note\.md: it is a folder/);
    expect(await readdir(dir)).toEqual(["note.md"]);
  });
});

describe("removeStaleTempFiles", () => {
  it("removes only the hidden temp files of interrupted writes", async () => {
    await writeFile(join(dir, ".a.md.tmp-123-abcd"), "half");
    await writeFile(join(dir, "a.md"), "whole");
    await writeFile(join(dir, ".soap-notes-ledger.jsonl"), "");
    expect(await removeStaleTempFiles(dir)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([".soap-notes-ledger.jsonl", "a.md"]);
  });
});
