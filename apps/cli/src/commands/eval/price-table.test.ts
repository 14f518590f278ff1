import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSettings } from "../../config/settings.js";
import { UsageError } from "../../errors/cli-errors.js";
import { loadPriceTable } from "./price-table.js";

const TABLE = { currency: "USD", models: { "claude-sonnet-4-5-20250929": { input_per_million: 3, output_per_million: 15 } } };

const settingsWith = (raw: unknown) => resolveSettings({ flags: {}, env: {}, configFile: { path: "/x/soap.config.json", raw } });

describe("loadPriceTable", () => {
  it("reads the config file's prices section, which core's strict config schema never sees", async () => {
    const settings = settingsWith({ model: "claude-sonnet-4-5-20250929", prices: TABLE });
    expect(settings.config.model).toBe("claude-sonnet-4-5-20250929");
    expect(await loadPriceTable(undefined, settings, "/")).toEqual(TABLE);
  });

  it("prefers --prices over the config, and is undefined with neither", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soap-prices-"));
    await writeFile(join(dir, "p.json"), JSON.stringify({ ...TABLE, currency: "EUR" }));
    expect((await loadPriceTable("p.json", settingsWith({ prices: TABLE }), dir))?.currency).toBe("EUR");
    expect(await loadPriceTable(undefined, settingsWith({}), dir)).toBeUndefined();
  });

  it("names the field that is wrong and shows the expected shape", async () => {
    const bad = settingsWith({ prices: { currency: "USD", models: { m: { input_per_million: "3", output_per_million: 1 } } } });
    await expect(loadPriceTable(undefined, bad, "/")).rejects.toThrow(UsageError);
    await expect(loadPriceTable(undefined, bad, "/")).rejects.toThrow(/config file \/x\/soap\.config\.json "prices": models\.m\.input_per_million: .*a price table is \{"currency"/);
  });

  it("refuses a missing or non-JSON --prices file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soap-prices-"));
    await writeFile(join(dir, "bad.json"), "{");
    await expect(loadPriceTable("none.json", settingsWith({}), dir)).rejects.toThrow(/--prices: .*none\.json not found/);
    await expect(loadPriceTable("bad.json", settingsWith({}), dir)).rejects.toThrow(/--prices: .*bad\.json is not valid JSON/);
  });
});
