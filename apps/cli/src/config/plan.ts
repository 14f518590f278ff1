import { planVisit, type VisitPlan } from "@org/soap-core/visit";
import { TemplateNotFoundError } from "@org/soap-prompts";
import { UsageError } from "../errors/cli-errors.js";
import type { Settings } from "./settings.js";

/**
 * Core's plan of one visit under these settings: a manifest row's template beats `--template` /
 * `$SOAP_NOTES_TEMPLATE`, which beat the config's experiments (assigned by `key`, the visit id); a
 * row's `deidentified` beats `--deidentified` / `$SOAP_NOTES_DEIDENTIFIED`.
 * @throws {UsageError} for an unknown template, listing the ones that exist.
 */
export async function planFor(settings: Settings, key: string, rowTemplate?: string, experimentKey?: string, rowDeidentified?: boolean): Promise<VisitPlan> {
  const overrides = { ...settings.overrides };
  if (rowTemplate !== undefined) overrides.template = rowTemplate;
  // A manifest row's `deidentified` column states it for that visit's dialogue only.
  if (rowDeidentified !== undefined) overrides.deidentified = rowDeidentified;
  if (experimentKey !== undefined) overrides.experimentKey = experimentKey;
  try {
    return await planVisit(settings.config, key, overrides);
  } catch (err) {
    if (err instanceof TemplateNotFoundError) {
      throw new UsageError(`unknown template: ${err.message} (see \`soap-notes prompts list\`)`, { cause: err });
    }
    throw err;
  }
}
