import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The sandbox's fixture folder (tools/sandbox/fixtures), found through package resolution rather
 * than from the sandbox module's own location, which moves when the CLI is bundled.
 */
export function sandboxFixturesDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve("@org/soap-sandbox/package.json")), "fixtures");
}
