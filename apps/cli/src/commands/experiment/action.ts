import { ConfigError, TemplateNotFoundError } from "@org/soap-prompts";
import { loadSettings } from "../../config/load-settings.js";
import { planFor } from "../../config/plan.js";
import type { CliContext } from "../../context.js";
import { UsageError } from "../../errors/cli-errors.js";

/**
 * `experiment assign <key>`: which template the key gets under the current config, resolved exactly
 * as `batch` and `note` resolve it (core's `planVisit`: `--template` / `$SOAP_NOTES_TEMPLATE` beat the
 * experiments).
 */
export async function runExperimentAssign(ctx: CliContext, key: string, options: Record<string, unknown>): Promise<void> {
  const settings = await loadSettings(ctx, { config: options["config"], template: options["template"], sandbox: true });
  const experiment = typeof options["experiment"] === "string" ? options["experiment"] : undefined;
  if (experiment !== undefined) {
    const found = settings.config.experiments.find((e) => e.name === experiment);
    if (!found) throw new UsageError(`no experiment named "${experiment}" in the config (it has: ${settings.config.experiments.map((e) => e.name).join(", ") || "none"})`);
    settings.config = { ...settings.config, experiments: [{ ...found, enabled: true }] };
  }
  let plan;
  try {
    // The key is whichever id the experiment assigns by (a batch passes its visit id).
    plan = await planFor(settings, key, undefined, key);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof TemplateNotFoundError) throw new UsageError(err.message, { cause: err });
    throw err;
  }
  const out = {
    key,
    template: plan.template.ref,
    hash: plan.template.hash,
    experiment: plan.experiment ?? null,
    variant: plan.variant ?? null,
    config: settings.configPath ?? null,
  };
  if (options["json"]) {
    ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  ctx.stdout.write(
    out.experiment === null
      ? `${key} -> ${out.template} (${settings.templateExplicit ? "the template named by --template or SOAP_NOTES_TEMPLATE" : "no experiment applies; the config's default template"})\n`
      : `${key} -> ${out.template} (experiment ${out.experiment}, variant ${out.variant})\n`,
  );
}
