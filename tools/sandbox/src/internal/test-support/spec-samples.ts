/** A JSON Schema node of a spec, loosely typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SpecSchema = Record<string, any>;
type Schema = SpecSchema;

/** One sample value, with a short label for messages. */
export interface Sample {
  label: string;
  value: unknown;
}

/**
 * Values at the edges of what a schema node allows: each enum value, each type, the bounds, null where
 * allowed, each branch of a oneOf/anyOf, and each object property on top of the object's required ones.
 * `schemas` resolves `$ref`s (a spec's `components.schemas`). Used by the drift checks of the create
 * route and of the gateway routes.
 */
export function samples(node: Schema, schemas: Record<string, Schema>, depth = 0): Sample[] {
  if (depth > 8) return [];
  if (node["$ref"]) return samples(schemas[String(node["$ref"]).split("/").pop()!]!, schemas, depth + 1);
  for (const key of ["oneOf", "anyOf"] as const) {
    if (Array.isArray(node[key])) return (node[key] as Schema[]).flatMap((branch) => samples(branch, schemas, depth + 1));
  }
  if (Array.isArray(node["enum"])) return (node["enum"] as unknown[]).map((v) => ({ label: JSON.stringify(v), value: v }));
  if (Array.isArray(node["type"])) return (node["type"] as string[]).flatMap((t) => samples({ ...node, type: t }, schemas, depth + 1));
  switch (node["type"]) {
    case "null":
      return [{ label: "null", value: null }];
    case "boolean":
      return [true, false].map((v) => ({ label: String(v), value: v }));
    case "integer":
    case "number": {
      const edges = node["minimum"] !== undefined || node["maximum"] !== undefined ? [node["minimum"], node["maximum"]].filter((v) => v !== undefined) : node["type"] === "integer" ? [-1, 0, 1] : [-0.5, 0, 1.5];
      return (edges as number[]).map((v) => ({ label: String(v), value: v }));
    }
    case "string":
      return [{ label: '"…"', value: node["format"] === "url" ? "https://example.com/a.mp3" : "sample" }];
    case "array": {
      const items = node["items"] ? samples(node["items"] as Schema, schemas, depth + 1) : [];
      return [{ label: "[]", value: [] }, ...items.map((s) => ({ label: `[${s.label}]`, value: [s.value] }))];
    }
    case "object": {
      const props = (node["properties"] ?? {}) as Record<string, Schema>;
      const required = (node["required"] ?? []) as string[];
      const minimal: Record<string, unknown> = {};
      for (const r of required) minimal[r] = samples(props[r] ?? {}, schemas, depth + 1)[0]?.value;
      const out: Sample[] = [{ label: "{}", value: minimal }];
      for (const [name, prop] of Object.entries(props)) {
        const each = samples(prop, schemas, depth + 1);
        for (const s of required.includes(name) ? each.slice(1) : each) out.push({ label: `{${name}: ${s.label}}`, value: { ...minimal, [name]: s.value } });
      }
      return out;
    }
    default:
      return [{ label: "any", value: "sample" }];
  }
}
