import { readFileSync } from "node:fs";

/**
 * The CLI's version, from its package.json: the nearest one named `@org/soap-cli` above this
 * module (the module sits at a different depth in tsc's output than in the bundled executable).
 */
export function cliVersion(): string {
  for (const up of ["../", "../../", "../../../"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`${up}package.json`, import.meta.url), "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "@org/soap-cli" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // Not at this depth: look one folder higher.
    }
  }
  return "0.0.0";
}
