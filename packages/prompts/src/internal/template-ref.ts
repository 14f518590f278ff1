import type { SoapTemplate } from "./types.js";

/**
 * `id@version`, the reference a note records. In its own module (not the registry) so that code
 * holding a template can name it without bundling every shipped template.
 * @example templateRef({ id: "soap-structured", version: "3.0.0" }) // "soap-structured@3.0.0"
 */
export function templateRef(template: Pick<SoapTemplate, "id" | "version">): string {
  return `${template.id}@${template.version}`;
}
