import type { ListPosition } from "../jobs/tenant-jobs.js";

/** Encodes a listing position as an opaque cursor (base64url JSON). */
export function encodeCursor(position: ListPosition): string {
  return btoa(JSON.stringify([position.createdAt, position.id])).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes a cursor from {@link encodeCursor}; undefined when it is not one. */
export function decodeCursor(cursor: string): ListPosition | undefined {
  try {
    const padded = cursor.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((cursor.length + 3) % 4);
    const value: unknown = JSON.parse(atob(padded));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === "string" &&
      value[1].length > 0 &&
      value[1].length <= 100
    ) {
      return { createdAt: value[0] as number, id: value[1] };
    }
  } catch {
    // Not base64 or not JSON: fall through to "not a cursor".
  }
  return undefined;
}
