// Flat ESLint config for the whole workspace.
// The portability block is the point: @org/soap-core and @org/soap-prompts must run unchanged on
// Node, Cloudflare Workers and browsers, so their source may not touch Node built-ins or globals.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const nodeBuiltins = [
  "assert", "buffer", "child_process", "cluster", "crypto", "dgram", "dns", "events", "fs", "fs/promises",
  "http", "http2", "https", "net", "os", "path", "perf_hooks", "process", "readline", "stream",
  "stream/promises", "string_decoder", "timers", "tls", "tty", "url", "util", "v8", "vm", "worker_threads", "zlib",
];

export default tseslint.config(
  {
    ignores: ["**/dist/**", "**/node_modules/**", "**/.wrangler/**", "**/coverage/**", "**/worker-configuration.d.ts", "**/.nx/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    // Apps, tools and tests run on Node.
    files: ["apps/cli/**/*.ts", "tools/**/*.{ts,js,mjs}", "**/*.test.ts", "**/vitest.config.ts", "**/*.config.{js,ts,mjs}", "**/scripts/**/*.{ts,js,mjs}"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["packages/core/src/**/*.ts", "packages/prompts/src/**/*.ts", "tools/sandbox/src/index.ts", "tools/sandbox/src/internal/**/*.ts"],
    ignores: ["**/*.test.ts", "**/test-support/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["node:*"], message: "Core and prompts must stay portable: no Node built-ins (inject what you need)." }],
          paths: nodeBuiltins.map((name) => ({ name, message: "Core and prompts must stay portable: no Node built-ins." })),
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "Core and prompts read no environment: take values as options." },
        { name: "Buffer", message: "Use Uint8Array / TextEncoder: Buffer does not exist on Workers or browsers." },
        { name: "require", message: "ESM only." },
        { name: "__dirname", message: "No file system in portable packages." },
        { name: "__filename", message: "No file system in portable packages." },
        { name: "global", message: "Use globalThis." },
      ],
    },
  },
);
