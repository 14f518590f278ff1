/** Base class of every error this package throws. */
export class SoapPromptsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SoapPromptsError";
  }
}

/** No registered template matches a spec such as `soap-structured@^3`. The message lists what exists. */
export class TemplateNotFoundError extends SoapPromptsError {
  /** The spec that was asked for. */
  readonly spec: string;
  /** Every registered `id@version`. */
  readonly available: string[];

  constructor(spec: string, available: string[], reason: string) {
    super(`${reason}. Available templates: ${available.join(", ") || "(none)"}`);
    this.name = "TemplateNotFoundError";
    this.spec = spec;
    this.available = available;
  }
}

/** One problem in a config, located by its field path, e.g. `experiments[0].variants[1].weight`. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** A config that does not validate. The message names every offending field. */
export class ConfigError extends SoapPromptsError {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], options?: { cause?: unknown }) {
    const lines = issues.map((i) => `${i.path || "(root)"}: ${i.message}`);
    super(`Invalid soap config: ${lines.join("; ")}`, options);
    this.name = "ConfigError";
    this.issues = issues;
  }
}

/** A template input that does not validate (the message never contains transcript text). */
export class TemplateInputError extends SoapPromptsError {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], options?: { cause?: unknown }) {
    super(`Invalid template input: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`, options);
    this.name = "TemplateInputError";
    this.issues = issues;
  }
}
