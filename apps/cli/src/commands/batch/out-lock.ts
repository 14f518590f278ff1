import { readFileSync, rmSync } from "node:fs";
import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../../errors/cli-errors.js";
import { fsCode, fsReason } from "../../errors/fs-message.js";

/** The lock file's name inside the output folder. */
export const LOCK_FILE = ".soap-notes.lock";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function lockError(path: string, err: unknown, doing: string): UsageError {
  const code = fsCode(err);
  const why = code === "EISDIR" ? "it is a folder, not a lock file; remove it and run again" : fsReason(path, code, "write");
  return new UsageError(`cannot ${doing} the lock file ${path}: ${why}; nothing was sent`, { cause: err });
}

/** Removes the lock at once if it is still this process's (for a forced exit, where nothing async runs). */
function releaseNow(path: string, pid: number): void {
  try {
    if (readFileSync(path, "utf8").trim() === String(pid)) rmSync(path, { force: true });
  } catch {
    // Already gone, or unreadable: a lock of a dead process is taken over by the next run anyway.
  }
}

/**
 * Takes the output folder for this process, so two batches never append to one ledger. A lock left
 * by a process that no longer runs (kill -9, power loss) is taken over. Until it is released, a
 * forced exit of this process (a second Ctrl-C, an exit before a command could stop cleanly)
 * removes it too, through an `exit` listener.
 * @throws {UsageError} when another running soap-notes holds the folder, or the lock file cannot be
 * created or read (named, with the reason and the fix).
 * @returns a function that releases the lock.
 */
export async function lockOutputFolder(dir: string, pid: number = process.pid): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx");
      try {
        await handle.writeFile(`${pid}\n`);
      } finally {
        await handle.close();
      }
      const onExit = (): void => releaseNow(path, pid);
      process.on("exit", onExit);
      return async () => {
        process.off("exit", onExit);
        await rm(path, { force: true });
      };
    } catch (err) {
      if (fsCode(err) !== "EEXIST") {
        await rm(path, { force: true }).catch(() => undefined);
        throw lockError(path, err, "create");
      }
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (readErr) {
        // Removed between our open and this read: take it on the next attempt.
        if (fsCode(readErr) === "ENOENT") continue;
        throw lockError(path, readErr, "read");
      }
      const holder = Number.parseInt(text.trim(), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== pid && alive(holder)) {
        throw new UsageError(`another soap-notes (pid ${holder}) is writing to ${dir}; wait for it or stop it (if it is gone, delete ${path})`);
      }
      try {
        await rm(path, { force: true });
      } catch (rmErr) {
        throw lockError(path, rmErr, "take over");
      }
    }
  }
  throw new UsageError(`cannot lock ${dir}; delete ${path} and try again`);
}
