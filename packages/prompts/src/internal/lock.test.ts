import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type TemplateLock, diffLock, updatedLock } from "./lock.js";
import { listTemplates } from "./registry.js";
import type { SoapTemplate } from "./types.js";

const lockUrl = new URL("../../templates.lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockUrl, "utf8")) as TemplateLock;

/** The first shipped template with one character added to its system prompt. */
function tampered(): SoapTemplate {
  const t = listTemplates()[0] as SoapTemplate;
  const edit = <R extends { messages: { role: string; content: string }[] }>(r: R): R => ({
    ...r,
    messages: r.messages.map((m) => (m.role === "system" ? { ...m, content: `${m.content} ` } : m)),
  });
  return { ...t, render: (i) => t.render(i).map(edit), renderSection: (i, s) => edit(t.renderSection(i, s)) };
}

describe("templates.lock.json", () => {
  it("matches every shipped template: released templates are unchanged, none removed, none unlocked", async () => {
    const diff = await diffLock(lock, listTemplates());
    expect(diff.changed, "a released template changed: publish a new version instead").toEqual([]);
    expect(diff.removed, "a released template was removed").toEqual([]);
    expect(diff.added, "run `npm run lock:update` to lock new versions").toEqual([]);
  });

  it("fails when a released template's text changes", async () => {
    const [original, ...rest] = listTemplates() as [SoapTemplate, ...SoapTemplate[]];
    const diff = await diffLock(lock, [tampered(), ...rest]);
    expect(diff.changed.map((c) => c.ref)).toEqual([`${original.id}@${original.version}`]);
    expect(diff.changed[0]?.locked).toBe(lock[`${original.id}@${original.version}`]);
  });

  it("reports a removed released template", async () => {
    const diff = await diffLock(lock, listTemplates().slice(1));
    expect(diff.removed).toHaveLength(1);
  });
});

describe("updatedLock", () => {
  it("adds new versions and keeps keys sorted", async () => {
    const t = listTemplates()[0] as SoapTemplate;
    const next = { ...t, version: "99.0.0" };
    const diff = await diffLock(lock, [...listTemplates(), next]);
    const updated = updatedLock(lock, diff);
    expect(Object.keys(updated)).toEqual(Object.keys(updated).sort());
    expect(updated[`${t.id}@99.0.0`]).toMatch(/^sha256:/);
    for (const [ref, hash] of Object.entries(lock)) expect(updated[ref]).toBe(hash);
  });

  it("refuses to change an existing entry", async () => {
    const [, ...rest] = listTemplates();
    const diff = await diffLock(lock, [tampered(), ...rest]);
    expect(() => updatedLock(lock, diff)).toThrow(/released templates are immutable/);
  });

  it("refuses to drop an existing entry", async () => {
    const diff = await diffLock(lock, listTemplates().slice(1));
    expect(() => updatedLock(lock, diff)).toThrow(/removed/);
  });
});
