import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../../errors/cli-errors.js";

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

/**
 * Takes the output folder for this process, so two batches never append to one ledger. A lock left
 * by a process that no longer runs (kill -9, power loss) is taken over.
 * @throws {UsageError} when another running soap-notes holds the folder.
 * @returns a function that releases the lock.
 */
export async function lockOutputFolder(dir: string, pid: number = process.pid): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(`${pid}\n`);
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number.parseInt((await readFile(path, "utf8").catch(() => "")).trim(), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== pid && alive(holder)) {
        throw new UsageError(`another soap-notes (pid ${holder}) is writing to ${dir}; wait for it or stop it (if it is gone, delete ${path})`);
      }
      await rm(path, { force: true });
    }
  }
  throw new UsageError(`cannot lock ${dir}; delete ${path} and try again`);
}
