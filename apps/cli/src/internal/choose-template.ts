import { getTemplate, selectTemplate, type SoapTemplate, templateHash, templateRef } from "@org/soap-prompts";
import { UsageError } from "./errors.js";
import type { Settings } from "./settings.js";

/** The template one visit uses, with what its note records. */
export interface ChosenTemplate {
  template: SoapTemplate;
  ref: string;
  hash: string;
  experiment?: string;
  variant?: string;
}

/**
 * Picks the template for a visit: an explicit spec (manifest row, `--template`, `$SOAP_NOTES_TEMPLATE`)
 * wins; otherwise the config's experiments choose by `key` (the visit id), else the config's template.
 * @throws {UsageError} for an unknown template, listing the ones that exist.
 */
export async function chooseTemplate(settings: Settings, key: string, rowTemplate?: string): Promise<ChosenTemplate> {
  try {
    const explicit = rowTemplate ?? (settings.templateExplicit ? settings.template : undefined);
    if (explicit !== undefined) {
      const template = getTemplate(explicit);
      return { template, ref: templateRef(template), hash: await templateHash(template) };
    }
    const sel = selectTemplate(settings.config, { visit_id: key });
    const chosen: ChosenTemplate = { template: sel.template, ref: sel.ref, hash: await templateHash(sel.template) };
    if (sel.experiment !== undefined) chosen.experiment = sel.experiment;
    if (sel.variant !== undefined) chosen.variant = sel.variant;
    return chosen;
  } catch (err) {
    if (err instanceof Error && err.name === "TemplateNotFoundError") {
      throw new UsageError(`unknown template: ${err.message} (see \`soap-notes prompts list\`)`, { cause: err });
    }
    throw err;
  }
}
