import { loadSettings } from "../../config/load-settings.js";
import { planFor } from "../../config/plan.js";
import { loadConfigFile, type RawFlags } from "../../config/settings.js";
import type { CliContext } from "../../context.js";
import { canRedraw, colorEnabled } from "../../terminal/color.js";
import { alignRows } from "../../terminal/plan-view.js";
import { type EffectiveSetting, effectiveSettings } from "./sources.js";

function show(v: EffectiveSetting["value"]): string {
  if (v === null) return "-";
  if (Array.isArray(v)) return v.join(",");
  return String(v);
}

/**
 * `config`: the settings a `note` or `batch` run would use here, resolved exactly as they resolve
 * them (the same flags, environment and config file), with where each one came from. Never the key.
 */
export async function runConfig(ctx: CliContext, options: Record<string, unknown>): Promise<void> {
  const flags = options as RawFlags;
  const settings = await loadSettings(ctx, { ...options, quiet: true });
  // Read again for the field names it holds: loadSettings validated it, this only asks what it names.
  const configFile = await loadConfigFile(flags.config, ctx.env, ctx.cwd);
  const plan = await planFor(settings, "config");
  const rows = effectiveSettings({
    settings,
    flags,
    env: ctx.env,
    configRaw: configFile?.raw,
    plan,
    stderr: { color: colorEnabled(ctx.stderr, ctx.env), redraw: canRedraw(ctx.stderr, ctx.env) },
  });
  if (options["json"] === true) {
    const out = Object.fromEntries(rows.map((r) => [r.name, { value: r.value, source: r.source, from: r.from }]));
    ctx.stdout.write(`${JSON.stringify({ precedence: ["flag", "env", "file", "default"], settings: out }, null, 2)}\n`);
    return;
  }
  ctx.stdout.write(
    [
      "Effective settings (flags > environment > config file > defaults); the API key is never shown:",
      ...alignRows([["setting", "value  (from)"], ...rows.map((r): [string, string] => [r.name, `${show(r.value)}  (${r.source}: ${r.from})`])]),
      "",
    ].join("\n"),
  );
}
