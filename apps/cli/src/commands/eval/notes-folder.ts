import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { SoapNote } from "@org/soap-core/schemas";
import { InputError } from "../../errors/cli-errors.js";

/** A note read from a folder, with the visit id it belongs to. */
export interface FolderNote {
  id: string;
  note: SoapNote;
  file: string;
}

/**
 * Every note JSON of a folder, as `batch` writes it (`<id>.json`; `_summary.json` and other files
 * starting with `_` or `.` are not notes), sorted by file name. The visit id is the note's
 * `provenance.visit_id`, else the file name.
 * @throws {InputError} for a missing folder, an empty one, or a JSON file that is not a soap-notes note (named).
 */
export async function readNoteFolder(dir: string): Promise<FolderNote[]> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new InputError(`${dir} is a file; give the output folder of a batch (it holds <id>.json notes)`);
    names = await readdir(dir);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `folder not found: ${dir} (give the --out folder of a batch)` : `cannot read ${dir} (${code ?? "error"})`, { cause: err });
  }
  const files = names.filter((n) => n.endsWith(".json") && !n.startsWith("_") && !n.startsWith(".")).sort();
  if (files.length === 0) throw new InputError(`no notes in ${dir}: a batch writes one <id>.json per visit there (run \`soap-notes batch … --out ${dir}\` first)`);
  const notes: FolderNote[] = [];
  for (const f of files) {
    const path = join(dir, f);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path, "utf8"));
    } catch (err) {
      throw new InputError(`${path} is not valid JSON; every .json file in the folder must be a note (move other files out)`, { cause: err });
    }
    const parsed = SoapNote.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`${path} is not a soap-notes note (${issue ? `${issue.path.join(".") || "root"}: ${issue.message}` : "invalid"}); move it out of the folder`);
    }
    notes.push({ id: parsed.data.provenance.visit_id ?? basename(f, ".json"), note: parsed.data, file: path });
  }
  return notes;
}
