/**
 * `@org/soap-prompts/errors` — the error classes of `@org/soap-prompts` alone (no templates, no
 * config schema, no zod), for start-up code that only needs `instanceof`. The root entry exports
 * the same classes.
 * @packageDocumentation
 */
export { ConfigError, SoapPromptsError, TemplateInputError, TemplateNotFoundError } from "../internal/errors.js";
export type { ConfigIssue } from "../internal/errors.js";
