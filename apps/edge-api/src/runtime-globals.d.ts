// @cloudflare/workers-types declares `crypto` and `performance` as global `const`s, so
// `globalThis.crypto` / `globalThis.performance` do not type-check, although both exist at run time on
// Workers. @org/soap-core and @org/soap-prompts (whose source this project type-checks) use them through
// `globalThis`; these declarations make them visible. Remove once they use the bare globals.
/* eslint-disable no-var -- only `var` declares a property of globalThis */
declare var crypto: Crypto;
declare var performance: Performance;
