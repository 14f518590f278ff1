import { ConfigError, TemplateNotFoundError } from "@org/soap-prompts";
import { loadSettings } from "../../config/load-settings.js";
import { planFor } from "../../config/plan.js";
import type { CliContext } from "../../context.js";
import { UsageError } from "../../errors/cli-errors.js";

/**
 * `experiment assign <key>`: which template the visit id `key` gets under the current config, by the
 * one resolution `batch` and `note` use (`planFor`, core's `planVisit`): `--template` /
 * `$SOAP_NOTES_TEMPLATE` beat the experiments, and an experiment assigns by the visit id (a batch
 * knows no transcript or patient id before the visit runs, so an experiment that assigns by one of
 * those gives every visit the config's default template, and this command says so).
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
    // Exactly the call a batch makes for a row without a template column.
    plan = await planFor(settings, key);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof TemplateNotFoundError) throw new UsageError(err.message, { cause: err });
    throw err;
  }
  // The experiment that would apply, when it assigns by an id a batch does not have.
  const active = settings.config.experiments.find((e) => e.enabled !== false);
  const unassignable = !settings.templateExplicit && plan.experiment === undefined && active !== undefined && active.assignBy !== "visit_id" ? active : undefined;
  const out = {
    key,
    template: plan.template.ref,
    hash: plan.template.hash,
    experiment: plan.experiment ?? null,
    variant: plan.variant ?? null,
    config: settings.configPath ?? null,
    ...(unassignable ? { assign_by: unassignable.assignBy } : {}),
  };
  if (options["json"]) {
    ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const why =
    out.experiment !== null
      ? `experiment ${out.experiment}, variant ${out.variant}`
      : settings.templateExplicit
        ? "the template named by --template or SOAP_NOTES_TEMPLATE"
        : unassignable
          ? `no experiment applies: experiment ${unassignable.name} assigns by ${unassignable.assignBy}, which note and batch do not know, so they use the config's default template`
          : "no experiment applies; the config's default template";
  ctx.stdout.write(`${key} -> ${out.template} (${why})\n`);
}
