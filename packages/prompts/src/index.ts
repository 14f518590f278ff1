/** Placeholder export while this project is built out. */
export function projectName(): string {
  return "packages/prompts";
}
