import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../../errors/cli-errors.js";
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

  it("is released by a forced exit too (its exit listener), and only while it is held", async () => {
    const before = process.listenerCount("exit");
    const release = await lockOutputFolder(dir);
    expect(process.listenerCount("exit")).toBe(before + 1);
    // What process.exit() runs: the lock goes, synchronously.
    process.listeners("exit").at(-1)?.call(process, 0);
    await expect(readFile(join(dir, LOCK_FILE))).rejects.toThrow();
    await release();
    expect(process.listenerCount("exit")).toBe(before);
  });

  it("leaves alone a lock another process took meanwhile when this one exits", async () => {
    await lockOutputFolder(dir);
    await writeFile(join(dir, LOCK_FILE), "424242\n");
    process.listeners("exit").at(-1)?.call(process, 0);
    expect((await readFile(join(dir, LOCK_FILE), "utf8")).trim()).toBe("424242");
    process.removeListener("exit", process.listeners("exit").at(-1) as () => void);
  });

  it("says in words why the lock file cannot be created, naming it", async () => {
    const err = await lockOutputFolder(join(dir, "gone")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/^cannot create the lock file .*gone\/\.soap-notes\.lock: the folder .*gone does not exist \(create it first\); nothing was sent$/);
  });
});

