// The binding vitest.workers.config.ts gives the test Worker: the auxiliary no-nodejs_compat Worker.
declare module "cloudflare:workers" {
  export const env: { CORE_NO_COMPAT: { fetch(input: string): Promise<Response> } };
}
