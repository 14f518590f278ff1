import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../errors/cli-errors.js";
import { prepareOutputFolder } from "./out-folder.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-out-folder-"));
  await writeFile(join(dir, "file.txt"), "x");
  await symlink(join(dir, "loop-b"), join(dir, "loop-a"));
  await symlink(join(dir, "loop-a"), join(dir, "loop-b"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(path: string): Promise<string> {
  const err = await prepareOutputFolder(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return (err as Error).message;
}

describe("prepareOutputFolder", () => {
  it("creates missing folders level by level and leaves only the folder", async () => {
    const out = join(dir, "a", "b", "notes");
    await prepareOutputFolder(out);
    expect(await readdir(out)).toEqual([]);
    // Again on an existing folder: fine.
    await prepareOutputFolder(out);
  });

  it("names a file in the way, at the folder itself or above it", async () => {
    expect(await refusal(join(dir, "file.txt"))).toMatch(/^--out: cannot use .*file\.txt as the output folder: .*file\.txt is a file, not a folder; move the file or choose another --out; nothing was sent$/);
    expect(await refusal(join(dir, "file.txt", "notes"))).toMatch(/file\.txt is a file, not a folder, so .*file\.txt\/notes cannot be created under it/);
    expect(existsSync(join(dir, "file.txt", "notes"))).toBe(false);
  });

  it("explains a symbolic link loop and a name too long", async () => {
    expect(await refusal(join(dir, "loop-a", "notes"))).toMatch(/too many symbolic links \(ELOOP\)/);
    expect(await refusal(join(dir, "n".repeat(300), "notes"))).toMatch(/the path is too long \(ENAMETOOLONG\)/);
  });

  it.runIf(process.platform === "linux")("answers at once for /proc and /sys, where Node's recursive mkdir spins forever", async () => {
    const started = Date.now();
    expect(await refusal("/proc/soap-notes-out")).toBe(
      "--out: cannot create /proc/soap-notes-out: /proc does not take new folders (a virtual file system such as /proc or /sys); choose a folder on a disk; nothing was sent",
    );
    expect(await refusal("/sys/soap-notes-out")).toMatch(/^--out: cannot create the folder \/sys\/soap-notes-out: permission denied \(E(PERM|ACCES)\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.runIf(process.platform === "linux")("refuses an existing folder where no file can be created (/proc)", async () => {
    expect(await refusal("/proc/self")).toMatch(/^--out: cannot write in the output folder \/proc\/self: /);
  });

  it("keeps a folder made meanwhile by someone else", async () => {
    const out = join(dir, "raced");
    await mkdir(out);
    await expect(prepareOutputFolder(out)).resolves.toBeUndefined();
  });
});
