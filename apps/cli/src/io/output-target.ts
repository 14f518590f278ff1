import { randomBytes } from "node:crypto";
import type { Stats } from "node:fs";
import { mkdir, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { CliError, EXIT_CODES, UsageError } from "../errors/cli-errors.js";
import { describeFsProblem, fsCode } from "../errors/fs-message.js";
import { writeFileAtomic } from "./fs-durable.js";

/** What is wrong with an output path, in words, with the fix (the path and the code even when the code is unknown). */
function explain(path: string, code: string | undefined): string {
  return describeFsProblem(path, code, "write");
}

/**
 * Creates a probe file in `dir` and removes it at once.
 * @returns the system error code when no file can be created there, else `undefined`.
 */
export async function probeCreate(dir: string, name: string): Promise<{ code: string | undefined; error: unknown } | undefined> {
  const probe = join(dir, `.${name}.probe-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    const handle = await open(probe, "wx", 0o600);
    await handle.close();
    return undefined;
  } catch (err) {
    return { code: fsCode(err), error: err };
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/**
 * Proves, before any paid work, that `path` can be written: it is not a folder, its folder exists and
 * a file can be created there (a probe file is created and removed at once). Checking permissions
 * alone would pass for root on a read-only mount; creating a file does not.
 * @throws {UsageError} (exit 2: nothing was sent) naming the problem and the fix.
 */
export async function checkOutputTarget(path: string, flag = "--out"): Promise<void> {
  let existing: Stats | undefined;
  try {
    existing = await stat(path);
  } catch (err) {
    const code = fsCode(err);
    if (code !== "ENOENT") throw new UsageError(`${flag}: ${explain(path, code)}; nothing was sent`, { cause: err });
  }
  if (existing?.isDirectory()) throw new UsageError(`${flag}: ${explain(path, "EISDIR")}; nothing was sent`);
  const refused = await probeCreate(dirname(path), basename(path));
  if (refused !== undefined) throw new UsageError(`${flag}: ${explain(path, refused.code)}; nothing was sent`, { cause: refused.error });
  // An existing file is replaced by a rename, which needs only the folder to be writable.
}

/** Writing the note failed after the paid work; the note was kept elsewhere (exit 1). */
export class NoteRescuedError extends CliError {
  readonly rescuedTo: string;

  constructor(message: string, rescuedTo: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.someFailed, options);
    this.name = "NoteRescuedError";
    this.rescuedTo = rescuedTo;
  }
}

/** Folder where notes that could not be written are kept (private to the user: 0700). */
export function rescueDir(): string {
  return join(tmpdir(), "soap-notes-rescue");
}

/**
 * Writes `text` to `path` atomically. If that fails (after the paid work, e.g. the disk filled or
 * the folder vanished), keeps the note in {@link rescueDir} (file mode 0600: it holds patient data)
 * and throws a {@link NoteRescuedError} saying where, with the transcript id, so nothing is lost.
 */
export async function writeOutputOrRescue(path: string, text: string, about: { transcriptId?: string | undefined; visitId: string }): Promise<void> {
  try {
    await writeFileAtomic(path, text);
    return;
  } catch (err) {
    const why = explain(path, fsCode(err));
    const dir = rescueDir();
    const safeId = about.visitId.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 80) || "note";
    const rescued = join(dir, `${safeId}-${Date.now()}${extensionOf(path)}`);
    const transcript = about.transcriptId ? ` (transcript ${about.transcriptId})` : "";
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const handle = await open(rescued, "wx", 0o600);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (rescueErr) {
      throw new CliError(`${why}; the note${transcript} could not be kept either (${fsCode(rescueErr) ?? "error"} in ${dir})`, EXIT_CODES.someFailed, { cause: err });
    }
    throw new NoteRescuedError(`${why}; the note${transcript} was kept in ${rescued}: move it where you want it (nothing needs to be run again)`, rescued, { cause: err });
  }
}

function extensionOf(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot) : "";
}
