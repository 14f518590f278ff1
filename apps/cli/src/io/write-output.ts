import { dirname } from "node:path";
import { UsageError } from "../errors/cli-errors.js";
import { writeFileAtomic } from "./fs-durable.js";

/** Writes an `--out` file atomically; a missing or read-only folder is a usage error with a fix. */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`cannot write ${path}: the folder ${dirname(path)} does not exist (create it first)`);
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") throw new UsageError(`cannot write ${path}: permission denied (${code})`);
    if (code === "EISDIR") throw new UsageError(`cannot write ${path}: it is a folder (give a file name)`);
    throw err;
  }
}
