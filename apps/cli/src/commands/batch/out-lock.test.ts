import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCK_FILE, lockOutputFolder } from "./out-lock.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-lock-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("lockOutputFolder", () => {
  it("refuses a folder a running process holds", async () => {
    await writeFile(join(dir, LOCK_FILE), `${process.ppid}\n`);
    await expect(lockOutputFolder(dir)).rejects.toThrow(new RegExp(`another soap-notes \\(pid ${process.ppid}\\) is writing to`));
  });

  it("takes over a lock left by a process that is gone, and releases it", async () => {
    await writeFile(join(dir, LOCK_FILE), "2147483646\n");
    const release = await lockOutputFolder(dir);
    expect((await readFile(join(dir, LOCK_FILE), "utf8")).trim()).toBe(String(process.pid));
    await release();
    await expect(readFile(join(dir, LOCK_FILE))).rejects.toThrow();
  });
});
