import { RequestValidationError } from "@org/soap-core";
import { planVisit, visitPlanFromJson, type VisitPlan } from "@org/soap-core/visit";
import { TemplateNotFoundError, type SoapConfig } from "@org/soap-prompts";
import type { JobRow } from "../jobs/job-row.js";
import { HttpError } from "../http/errors.js";
import type { CreateNoteBody } from "./notes-schemas.js";

/**
 * Core's plan of a new job: the request's choices over the deployment's config, the job id as the
 * visit key (`experiment_key` assigns the A/B variant when given).
 * @throws {HttpError} 400 `unknown_template` naming the available templates; 500 `misconfigured` for settings core refuses.
 */
export async function planJob(config: SoapConfig, body: CreateNoteBody, jobId: string): Promise<VisitPlan> {
  try {
    return await planVisit(config, jobId, {
      template: body.template,
      experimentKey: body.experiment_key,
      redaction: body.redaction,
      speakersExpected: body.speakers_expected,
      medical: body.medical,
    });
  } catch (error) {
    if (error instanceof TemplateNotFoundError) {
      throw new HttpError(400, "unknown_template", `Unknown template "${error.spec}".`, {
        details: { issues: [{ field: "template", location: "json", message: error.message }], available: error.available },
        cause: error,
      });
    }
    if (error instanceof RequestValidationError) {
      // The body's policies are checked by its schema, and SOAP_CONFIG's when the Worker reads it: this is the deployment's fault.
      throw new HttpError(500, "misconfigured", "The deployment's transcription settings are invalid; nothing was sent to AssemblyAI.", { cause: error });
    }
    throw error;
  }
}

/**
 * The plan a job was created with (stored in `options_json`). Rows written before plans were stored
 * hold only transcription options: their plan is rebuilt from the row's pinned template and model.
 */
export async function storedPlan(job: Pick<JobRow, "options_json" | "template_spec" | "model" | "experiment" | "variant">): Promise<VisitPlan> {
  return visitPlanFromJson(job.options_json, { template: job.template_spec, model: job.model, experiment: job.experiment, variant: job.variant });
}
