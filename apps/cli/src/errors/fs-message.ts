import { dirname } from "node:path";

/** What the CLI was doing with a path when the file system refused. */
export type FsAction = "write" | "read" | "open" | "use" | "create the folder" | "create the lock file" | "list the folder" | "remove" | "rename";

/** The system error code of a Node file-system error, if it has one. */
export function fsCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Why the file system refused, in words, with the fix; `undefined` for a code we do not know. */
function reason(path: string, code: string, action: FsAction): string | undefined {
  const reading = action === "read" || action === "open" || action === "use" || action === "list the folder";
  switch (code) {
    case "ENOENT":
      return reading ? "it does not exist (check the path)" : `the folder ${dirname(path)} does not exist (create it first)`;
    case "ENOTDIR":
      return `a part of ${reading ? path : dirname(path)} is a file, not a folder`;
    case "EACCES":
    case "EPERM":
      return reading ? `permission denied (${code}); check its permissions` : `permission denied (${code}); choose a folder you can write to`;
    case "EROFS":
      return "the file system is read-only (EROFS); choose a folder on a writable disk";
    case "EISDIR":
      return "it is a folder (give a file name)";
    case "EEXIST":
      return "a file is in the way (it exists and is not a folder); move it or choose another path";
    case "ENOSPC":
      return "no space left on the device (ENOSPC); free some space or choose another disk";
    case "EDQUOT":
      return "the disk quota is used up (EDQUOT); free some space or choose another disk";
    case "ELOOP":
      return "too many symbolic links (ELOOP): a link on the way points back to itself; fix or remove the link";
    case "ENAMETOOLONG":
      return "the path is too long (ENAMETOOLONG); choose a shorter name or folder";
    case "EMFILE":
    case "ENFILE":
      return `too many open files (${code}); lower --concurrency or raise the limit (ulimit -n)`;
    case "EIO":
      return "the device reported an input/output error (EIO); check the disk";
    case "EBUSY":
      return "it is busy (EBUSY): another program holds it; close it and try again";
    case "EXDEV":
      return "it is on another device (EXDEV); keep the folder on one disk";
    default:
      return undefined;
  }
}

/**
 * One line saying what could not be done with `path`, why, and how to fix it, e.g.
 * `cannot write /mnt/ro/n.md: the file system is read-only (EROFS); choose a folder on a writable disk`.
 * Unknown codes still name the path and the code.
 */
export function describeFsProblem(path: string, code: string | undefined, action: FsAction = "write"): string {
  return `cannot ${action} ${path}: ${fsReason(path, code, action)}`;
}

/** Only the reason and the fix of {@link describeFsProblem}, for a sentence that names the path its own way. */
export function fsReason(path: string, code: string | undefined, action: FsAction = "write"): string {
  const why = code === undefined ? undefined : reason(path, code, action);
  return why ?? `the file system refused (${code ?? "unknown error"})`;
}

/** True when `code` is one {@link describeFsProblem} explains in words. */
export function isKnownFsCode(code: string | undefined): boolean {
  return code !== undefined && reason("", code, "write") !== undefined;
}

const SYSCALL_ACTIONS: Record<string, FsAction> = {
  open: "open",
  write: "write",
  fsync: "write",
  read: "read",
  mkdir: "create the folder",
  scandir: "list the folder",
  readdir: "list the folder",
  unlink: "remove",
  rmdir: "remove",
  rm: "remove",
  rename: "rename",
  stat: "read",
  lstat: "read",
};

/**
 * A Node file-system error (`code`, `syscall`, `path`) in words, or `undefined` when `err` is not one.
 * Used by the top-level handler for errors no command mapped itself.
 */
export function describeNodeFsError(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as { code?: unknown; syscall?: unknown; path?: unknown; dest?: unknown };
  if (typeof e.code !== "string" || typeof e.syscall !== "string" || typeof e.path !== "string") return undefined;
  const action = SYSCALL_ACTIONS[e.syscall] ?? "write";
  const target = action === "rename" && typeof e.dest === "string" ? `${e.path} to ${e.dest}` : e.path;
  return describeFsProblem(target, e.code, action);
}

/**
 * A file-system failure named by the path the user knows (the target, never a hidden temp file),
 * with the reason and the fix in its message. Keeps the system `code` (ENOSPC, EROFS…).
 */
export class FileSystemError extends Error {
  readonly code: string | undefined;
  readonly path: string;

  constructor(path: string, action: FsAction, cause: unknown) {
    super(describeFsProblem(path, fsCode(cause), action), { cause });
    this.name = "FileSystemError";
    this.code = fsCode(cause);
    this.path = path;
  }
}
