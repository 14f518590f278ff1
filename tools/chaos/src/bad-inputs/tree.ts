import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { CaseFile } from "./case.js";

/** Creates a case's files under `dir`. */
export function writeCaseFiles(dir: string, files: Record<string, CaseFile>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    if (typeof content === "object" && "dir" in content) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    if (typeof content === "object" && "text" in content) {
      writeFileSync(path, content.text);
      chmodSync(path, content.mode);
    } else {
      writeFileSync(path, content);
    }
  }
}

/**
 * Every entry under `dir` (folders too) with a content hash: two snapshots are equal only when
 * nothing was created, removed or changed.
 */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      const rel = relative(dir, path);
      if (entry.isDirectory()) {
        out.set(`${rel}/`, "dir");
        walk(path);
        continue;
      }
      const info = statSync(path);
      // An unreadable file (mode 000 as non-root) is compared by size and mtime.
      let digest: string;
      try {
        digest = createHash("sha256").update(readFileSync(path)).digest("hex");
      } catch {
        digest = `${info.size}:${info.mtimeMs}`;
      }
      out.set(rel, digest);
    }
  };
  walk(dir);
  return out;
}

/** What changed between two snapshots: `+ new`, `- removed`, `~ changed` (names only). */
export function treeChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [name, digest] of after) {
    const was = before.get(name);
    if (was === undefined) changes.push(`+ ${name}`);
    else if (was !== digest) changes.push(`~ ${name}`);
  }
  for (const name of before.keys()) if (!after.has(name)) changes.push(`- ${name}`);
  return changes.sort();
}
