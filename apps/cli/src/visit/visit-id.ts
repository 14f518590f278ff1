import { basename, extname } from "node:path";

/** Derives a visit id from a path or URL: its base name without extension, made file-name safe. */
export function idFromName(name: string): string {
  const base = basename(name.replace(/[?#].*$/, ""));
  const stem = base.slice(0, base.length - extname(base).length) || base;
  return stem.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "").slice(0, 128);
}
