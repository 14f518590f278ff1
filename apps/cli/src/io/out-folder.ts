import type { Stats } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { UsageError } from "../errors/cli-errors.js";
import { describeFsProblem, fsCode, fsReason } from "../errors/fs-message.js";
import { probeCreate } from "./output-target.js";

type Found = { kind: "dir" } | { kind: "missing" } | { kind: "file" } | { kind: "error"; code: string | undefined; error: unknown };

async function look(path: string): Promise<Found> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (err) {
    const code = fsCode(err);
    // ENOTDIR: a file sits somewhere above; the walk up finds which one.
    return code === "ENOENT" || code === "ENOTDIR" ? { kind: "missing" } : { kind: "error", code, error: err };
  }
  return info.isDirectory() ? { kind: "dir" } : { kind: "file" };
}

/**
 * The folders to create for `dir`, outermost first, found by walking up to the nearest folder that
 * exists. Stops (with a usage error) at a file in the way or at an ancestor that cannot be looked at.
 */
async function missingFolders(dir: string, flag: string): Promise<string[]> {
  const missing: string[] = [];
  // Each step goes one level up; the root has itself as dirname, so the walk always ends.
  for (let path = dir; ; path = dirname(path)) {
    const found = await look(path);
    if (found.kind === "dir") return missing.reverse();
    if (found.kind === "file") {
      const what = path === dir ? `${dir} is a file, not a folder` : `${path} is a file, not a folder, so ${dir} cannot be created under it`;
      throw new UsageError(`${flag}: cannot use ${dir} as the output folder: ${what}; move the file or choose another ${flag}; nothing was sent`);
    }
    if (found.kind === "error") throw new UsageError(`${flag}: ${describeFsProblem(path, found.code, "use")}; nothing was sent`, { cause: found.error });
    if (dirname(path) === path) throw new UsageError(`${flag}: cannot create ${dir}: no part of the path exists; nothing was sent`);
    missing.push(path);
  }
}

/**
 * Makes sure the batch's output folder exists and takes files, before anything is sent (exit 2
 * otherwise, with a sentence naming the path, the problem and the fix).
 *
 * Folders are created one level at a time. Node's `mkdir(…, { recursive: true })` never returns on a
 * virtual file system that answers ENOENT for a folder whose parent exists (`/proc/notes` spins at
 * 100 % CPU); here that answer is a clear error. A file can then be created in the folder (a probe
 * file, removed at once), which catches read-only mounts and permissions, root included.
 * @throws {UsageError} when the folder cannot be created or written.
 */
export async function prepareOutputFolder(dir: string, flag = "--out"): Promise<void> {
  for (const folder of await missingFolders(dir, flag)) {
    try {
      await mkdir(folder);
    } catch (err) {
      const code = fsCode(err);
      // Created meanwhile (another process): fine when it is a folder.
      if (code === "EEXIST" && (await look(folder)).kind === "dir") continue;
      if (code === "ENOENT") {
        // The parent exists (we just walked it), yet the system says it does not: a virtual file system.
        throw new UsageError(
          `${flag}: cannot create ${folder}: ${dirname(folder)} does not take new folders (a virtual file system such as /proc or /sys); choose a folder on a disk; nothing was sent`,
          { cause: err },
        );
      }
      throw new UsageError(`${flag}: ${describeFsProblem(folder, code, "create the folder")}; nothing was sent`, { cause: err });
    }
  }
  const refused = await probeCreate(dir, "soap-notes");
  if (refused !== undefined) {
    throw new UsageError(`${flag}: cannot write in the output folder ${dir}: ${fsReason(join(dir, "note"), refused.code, "write")}; nothing was sent`, { cause: refused.error });
  }
}
