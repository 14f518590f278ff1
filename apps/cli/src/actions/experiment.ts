import { selectTemplate, templateHash } from "@org/soap-prompts";
import type { CliContext } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { loadSettings } from "./load-settings.js";

/** `experiment assign <key>`: which template the key gets under the current config. */
export async function runExperimentAssign(ctx: CliContext, key: string, options: Record<string, unknown>): Promise<void> {
  const settings = await loadSettings(ctx, { config: options["config"], template: options["template"], sandbox: true });
  const experiment = typeof options["experiment"] === "string" ? options["experiment"] : undefined;
  let selection;
  try {
    selection = selectTemplate(settings.config, key, experiment === undefined ? {} : { experiment });
  } catch (err) {
    if (err instanceof Error && (err.name === "ConfigError" || err.name === "TemplateNotFoundError")) throw new UsageError(err.message, { cause: err });
    throw err;
  }
  const out = {
    key,
    template: selection.ref,
    hash: await templateHash(selection.template),
    experiment: selection.experiment ?? null,
    variant: selection.variant ?? null,
    config: settings.configPath ?? null,
  };
  if (options["json"]) {
    ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  ctx.stdout.write(
    out.experiment === null
      ? `${key} -> ${out.template} (no experiment applies; the config's default template)\n`
      : `${key} -> ${out.template} (experiment ${out.experiment}, variant ${out.variant})\n`,
  );
}
