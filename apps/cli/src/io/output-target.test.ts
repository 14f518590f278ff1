import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../errors/cli-errors.js";
import { checkOutputTarget, NoteRescuedError, writeOutputOrRescue } from "./output-target.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-out-target-"));
});
afterAll(async () => {
  await chmod(join(dir, "ro"), 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

describe("checkOutputTarget: before any paid work", () => {
  it("accepts a new file in an existing folder and leaves nothing behind", async () => {
    await expect(checkOutputTarget(join(dir, "note.md"))).resolves.toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it("accepts an existing file (it will be replaced)", async () => {
    await writeFile(join(dir, "old.md"), "old");
    await expect(checkOutputTarget(join(dir, "old.md"))).resolves.toBeUndefined();
    await rm(join(dir, "old.md"));
  });

  it.each([
    ["a missing folder", () => join(dir, "nope", "note.md"), /--out: cannot write .*note\.md: the folder .*nope does not exist \(create it first\); nothing was sent/],
    ["a folder given as the file", () => dir, /--out: cannot write .*: it is a folder \(give a file name\); nothing was sent/],
    ["a file used as a folder", () => join(dir, "file.txt", "note.md"), /--out: cannot write .*: a part of .* is a file, not a folder; nothing was sent/],
  ])("refuses %s with a usage error that names it", async (_, path, message) => {
    await writeFile(join(dir, "file.txt"), "x");
    const err = await checkOutputTarget(path()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    await rm(join(dir, "file.txt"));
  });

  it.skipIf(isRoot)("refuses a folder it cannot write to", async () => {
    await mkdir(join(dir, "ro"));
    await chmod(join(dir, "ro"), 0o500);
    const err = await checkOutputTarget(join(dir, "ro", "note.md"), "--in-place").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/--in-place: cannot write .*: permission denied \(EACCES\)/);
  });
});

it.runIf(process.platform === "linux")("refuses a folder where no one may create files, root included (/sys)", async () => {
  const err = await checkOutputTarget("/sys/note.md").catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UsageError);
  expect((err as Error).message).toMatch(/cannot write \/sys\/note\.md: permission denied \(EACCES\)/);
});

describe("writeOutputOrRescue: after the paid work", () => {
  it("writes the file when it can", async () => {
    const path = join(dir, "ok.md");
    await writeOutputOrRescue(path, "# note\n", { visitId: "v1" });
    expect(await readFile(path, "utf8")).toBe("# note\n");
  });

  it("keeps the note in a private rescue file and says where, with the transcript id", async () => {
    const gone = join(dir, "vanished");
    const err = await writeOutputOrRescue(join(gone, "note.md"), "# rescued note\n", { transcriptId: "tr-123", visitId: "visit/01" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoteRescuedError);
    const rescued = (err as NoteRescuedError).rescuedTo;
    expect((err as Error).message).toContain("does not exist");
    expect((err as Error).message).toContain("transcript tr-123");
    expect((err as Error).message).toContain(rescued);
    expect((err as NoteRescuedError).exitCode).toBe(1);
    expect(rescued).toMatch(/visit_01-\d+\.md$/);
    expect(await readFile(rescued, "utf8")).toBe("# rescued note\n");
    expect((await stat(rescued)).mode & 0o777).toBe(0o600);
    await rm(rescued);
  });
});
