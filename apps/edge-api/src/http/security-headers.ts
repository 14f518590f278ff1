import { secureHeaders } from "hono/secure-headers";

/**
 * Security headers on every response (`hono/secure-headers`): `nosniff`, HSTS (two years, subdomains),
 * `Referrer-Policy: no-referrer`, no framing (`frame-ancestors 'none'` and `X-Frame-Options: DENY`),
 * and a CSP that lets an API response load nothing at all. A handler that sets its own
 * `Content-Security-Policy` keeps it (the docs page allows its one inline style by hash).
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    strictTransportSecurity: "max-age=63072000; includeSubDomains",
    referrerPolicy: "no-referrer",
    xFrameOptions: "DENY",
    crossOriginResourcePolicy: "same-origin",
    overwrite: false,
  });
}
