import { getTemplate, selectTemplate, templateRef, TemplateNotFoundError, type SoapConfig, type SoapTemplate } from "@org/soap-prompts";
import { HttpError } from "../http/errors.js";

/** The template a new job is pinned to, with its experiment assignment. */
export interface ResolvedTemplate {
  template: SoapTemplate;
  /** Exact `id@version`, so that retries and regenerations use the same template. */
  ref: string;
  experiment: string | undefined;
  variant: string | undefined;
}

/**
 * `template` wins; else `experiment_key` assigns a variant of the config's enabled experiment; else the
 * job id does, for experiments assigned by `visit_id`; else the config's default template.
 * @throws {HttpError} 400 `unknown_template` naming the available templates.
 */
export function resolveTemplate(
  config: SoapConfig,
  request: { template?: string | undefined; experiment_key?: string | undefined },
  jobId: string,
): ResolvedTemplate {
  try {
    if (request.template !== undefined) {
      const template = getTemplate(request.template);
      return { template, ref: templateRef(template), experiment: undefined, variant: undefined };
    }
    const selection = selectTemplate(config, request.experiment_key ?? { visit_id: jobId });
    return { template: selection.template, ref: selection.ref, experiment: selection.experiment, variant: selection.variant };
  } catch (error) {
    if (error instanceof TemplateNotFoundError) {
      throw new HttpError(400, "unknown_template", `Unknown template "${error.spec}".`, {
        details: { issues: [{ field: "template", location: "json", message: error.message }], available: error.available },
        cause: error,
      });
    }
    throw error;
  }
}
