#!/usr/bin/env node
// Adds NEW template versions to templates.lock.json. Refuses (exit 1) when a released entry would
// change or disappear: released templates are immutable, publish a new version instead.
// Runs against the built package: `npm run lock:update` builds first. `--check` only verifies.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { listTemplates } from "../dist/index.js";
import { diffLock, updatedLock } from "../dist/internal/lock.js";

const lockPath = fileURLToPath(new URL("../templates.lock.json", import.meta.url));
const checkOnly = process.argv.includes("--check");

async function main() {
  let lock = {};
  try {
    lock = JSON.parse(await readFile(lockPath, "utf8"));
  } catch (error) {
    if (error?.code !== "ENOENT") throw error;
  }
  const diff = await diffLock(lock, listTemplates());
  const next = updatedLock(lock, diff); // throws on a changed or removed released template
  if (checkOnly) {
    if (diff.added.length > 0) {
      throw new Error(`Not locked yet: ${diff.added.map((a) => a.ref).join(", ")}. Run npm run lock:update.`);
    }
    console.log(`templates.lock.json matches all ${listTemplates().length} templates`);
    return;
  }
  if (diff.added.length === 0) {
    console.log("templates.lock.json is up to date");
    return;
  }
  await writeFile(lockPath, `${JSON.stringify(next, null, 2)}\n`);
  for (const a of diff.added) console.log(`locked ${a.ref} ${a.actual}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
