import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT } from "./edge-stack.js";

/** The sandbox's fixture recordings (samples/visits), by file name. */
export async function fixtureAudio(): Promise<string[]> {
  return (await readdir(join(ROOT, "samples/visits"))).filter((f) => f.endsWith(".mp3")).sort();
}

/**
 * Writes a CSV manifest of `count` visits into `dir`: every `fileEvery`-th visit a local copy of a fixture
 * recording (uploaded by the CLI; the sandbox knows it by the file name at the end of the signed URL), the
 * others an audio URL the sandbox maps to a fixture. Returns the manifest's path and the visit ids.
 */
export async function writeManifest(dir: string, count: number, fileEvery: number): Promise<{ path: string; ids: string[] }> {
  const fixtures = await fixtureAudio();
  const audioDir = join(dir, "audio");
  await mkdir(audioDir, { recursive: true });
  const lines = ["id,audio"];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const fixture = fixtures[i % fixtures.length] as string;
    const id = `visit-${String(i + 1).padStart(5, "0")}`;
    ids.push(id);
    if (fileEvery > 0 && i % fileEvery === 0) {
      // Its own folder per visit: the file keeps the fixture's name (the sandbox's rule), the row its own id.
      const folder = join(audioDir, id);
      await mkdir(folder, { recursive: true });
      await copyFile(join(ROOT, "samples/visits", fixture), join(folder, fixture));
      lines.push(`${id},audio/${id}/${fixture}`);
    } else {
      lines.push(`${id},https://media.example.com/visits/${id}/${fixture}`);
    }
  }
  const path = join(dir, "manifest.csv");
  await writeFile(path, `${lines.join("\n")}\n`);
  return { path, ids };
}
