import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { priceTableSchema, type PriceTable } from "@org/soap-core/eval";
import type { Settings } from "../../config/settings.js";
import { UsageError } from "../../errors/cli-errors.js";

function parse(raw: unknown, where: string): PriceTable {
  const parsed = priceTableSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue ? issue.path.map(String).join(".") || "root" : "root";
  throw new UsageError(
    `${where}: ${at}: ${issue?.message ?? "invalid"}; a price table is {"currency": "USD", "models": {"<model id>": {"input_per_million": 3, "output_per_million": 15}}} (see docs/examples/prices.example.json)`,
  );
}

/**
 * The user's price table: `--prices <file>`, else the config file's `prices` section, else none
 * (then costs are not computed). soap-notes ships no prices as truth.
 * @throws {UsageError} for a missing or unreadable file, bad JSON, or a table that does not fit (the field named).
 */
export async function loadPriceTable(flag: unknown, settings: Settings, cwd: string): Promise<PriceTable | undefined> {
  if (typeof flag === "string") {
    const path = resolve(cwd, flag);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(code === "ENOENT" ? `--prices: ${path} not found` : `--prices: cannot read ${path} (${code ?? "error"})`, { cause: err });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`--prices: ${path} is not valid JSON`, { cause: err });
    }
    return parse(raw, `--prices ${path}`);
  }
  if (settings.configPrices !== undefined) return parse(settings.configPrices, `config file ${settings.configPath ?? ""} "prices"`);
  return undefined;
}
