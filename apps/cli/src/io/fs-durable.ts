import { randomBytes } from "node:crypto";
import { open, rename, rm, readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { FileSystemError } from "../errors/fs-message.js";

/**
 * Flushes a directory entry to disk (after a create or rename), so the new name survives power loss.
 * Platforms that cannot open a directory for fsync (Windows) skip it.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EISDIR" || process.platform === "win32") return;
    throw err;
  }
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems refuse fsync on directories (EINVAL); the rename is still atomic there.
    if ((err as NodeJS.ErrnoException).code !== "EINVAL") throw err;
  } finally {
    await handle.close();
  }
}

const TMP_MARK = ".tmp-";

/**
 * Writes a file so that it either appears whole or not at all: write a hidden temp file beside it,
 * fsync it, rename it over the target, fsync the directory.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeThroughTemp(path, data);
  } catch (err) {
    throw new FileSystemError(path, "write", err);
  }
}

async function writeThroughTemp(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}${TMP_MARK}${process.pid}-${randomBytes(4).toString("hex")}`);
  const handle = await open(tmp, "wx", 0o644);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    // The original error is what the user needs; a temp file that cannot be removed is removed by the next run.
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dir);
}

/** Removes temp files left in `dir` by {@link writeFileAtomic} calls a crash interrupted. */
export async function removeStaleTempFiles(dir: string): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new FileSystemError(dir, "list the folder", err);
  }
  for (const name of names) {
    if (name.startsWith(".") && name.includes(TMP_MARK)) {
      try {
        await rm(join(dir, name), { force: true });
      } catch (err) {
        throw new FileSystemError(join(dir, name), "remove", err);
      }
      removed++;
    }
  }
  return removed;
}
