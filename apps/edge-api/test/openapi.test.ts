import { describe, expect, it } from "vitest";
import { createHarness } from "./support/harness.js";

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and describes every route with its security and error envelope", async () => {
    const h = createHarness();
    const res = await h.request("/v1/openapi.json");
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(
      [
        "DELETE /v1/notes/{id}",
        "GET /v1/health",
        "GET /v1/health/ready",
        "GET /v1/notes",
        "GET /v1/notes/{id}",
        "POST /v1/notes",
        "POST /v1/notes/{id}/sections/{section}/regenerate",
        "POST /v1/notes/{id}/review-link",
        "POST /v1/webhooks/assemblyai/{signature}",
        "GET /v1/audit",
        "GET /v1/notes/finished",
        "POST /v1/uploads",
        "GET /v1/uploads/{id}",
        "PUT /v1/uploads/{id}/parts/{part}",
        "POST /v1/uploads/{id}/complete",
        "POST /v1/webhook-endpoints",
        "GET /v1/webhook-endpoints",
        "GET /v1/webhook-endpoints/{id}",
        "DELETE /v1/webhook-endpoints/{id}",
        "PATCH /v1/webhook-endpoints/{id}",
        "POST /v1/webhook-endpoints/{id}/rotate-secret",
        "POST /v1/webhook-endpoints/{id}/ping",
        "GET /v1/webhook-endpoints/{id}/deliveries",
        "POST /v1/webhook-endpoints/{id}/deliveries/{delivery_id}/redeliver",
      ].sort(),
    );
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (path.startsWith("/v1/notes") || path.startsWith("/v1/audit") || path.startsWith("/v1/uploads") || path.startsWith("/v1/webhook-endpoints")) {
          expect(op.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
          expect(Object.keys(op.responses)).toContain("401");
        }
      }
    }
    expect(doc.components.securitySchemes).toHaveProperty("bearerAuth");
    expect(doc.components.schemas).toHaveProperty("Error");
    expect(doc.components.schemas).toHaveProperty("Note");
    // The tenant's PHI access trail and the delete that is still purging upstream are documented.
    expect(doc.components.schemas).toHaveProperty("AuditEvent");
    expect(doc.components.schemas).toHaveProperty("NoteDeleting");
    expect(Object.keys(doc.paths["/v1/notes/{id}"]?.["delete"]?.responses ?? {})).toEqual(expect.arrayContaining(["202", "204"]));
  });
});
