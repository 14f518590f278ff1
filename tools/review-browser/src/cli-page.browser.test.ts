import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
// The CLI's own rendering of `--format html` (relative audio path, CSP in a <meta>), by path: the CLI exports no API.
import { renderOutput } from "../../../apps/cli/src/io/render-output.js";
import { axeViolations, inViewport, launchBrowser } from "./support/browser.js";
import { fixtureNote, fixtureTranscript, PWNED, QUOTE_STARTS, toneWav } from "./support/fixture.js";

let browser: Browser;
let dir: string;
let pageUrl: string;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-review-page-"));
  const wav = join(dir, "visit recording.wav");
  await writeFile(wav, toneWav(45));
  const htmlPath = join(dir, "visit-review-demo.html");
  await writeFile(htmlPath, renderOutput(fixtureNote(), "html", { transcript: fixtureTranscript(), audio: { file: wav } }, htmlPath));
  pageUrl = pathToFileURL(htmlPath).href;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  errors.length = 0;
  page = await browser.newPage({ viewport: { width: 1100, height: 600 } });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(pageUrl);
  await page.waitForFunction(() => document.documentElement.classList.contains("js"));
  await page.$eval("#audio", (a) => new Promise((ok) => ((a as HTMLAudioElement).readyState >= 1 ? ok(null) : a.addEventListener("loadedmetadata", ok, { once: true }))));
});

const currentTime = (p: Page) => p.$eval("#audio", (a) => (a as HTMLAudioElement).currentTime);

describe("the review page as the CLI writes it (file://, CSP in a <meta>)", () => {
  it("highlights a statement's quote when clicked, scrolls it into view and plays the recording from the quote's start", async () => {
    await page.getByRole("button", { name: /^Denies fever/ }).click();
    const lit = page.locator("#transcript .q.on");
    await expect.poll(() => lit.count()).toBe(1);
    expect(await lit.textContent()).toBe("No fever at all");
    // The quote sits at the end of a transcript taller than the window: it was scrolled to.
    await expect.poll(() => inViewport(page, "#transcript .q.on")).toBe(true);
    expect(await page.getByRole("button", { name: /^Denies fever/ }).getAttribute("aria-pressed")).toBe("true");
    const t = await currentTime(page);
    expect(t).toBeGreaterThanOrEqual(QUOTE_STARTS.fever);
    expect(t).toBeLessThan(QUOTE_STARTS.fever + 1.5);
    await page.getByRole("button", { name: /^Left knee pain/ }).click();
    await expect.poll(() => page.locator("#transcript .q.on").textContent()).toBe("My left knee hurts when I climb stairs");
    await expect.poll(() => inViewport(page, "#transcript .q.on")).toBe(true);
    const back = await currentTime(page);
    expect(back).toBeGreaterThanOrEqual(QUOTE_STARTS.knee);
    expect(back).toBeLessThan(QUOTE_STARTS.knee + 1.5);
    expect(errors).toEqual([]);
  });

  it("flags a statement the transcript does not support, in words a screen reader reads with it", async () => {
    const item = page.locator("li.stmt.flagged", { hasText: "Knee visibly swollen" });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator(".flag").innerText()).toContain("Not supported by the transcript as written");
    const border = await item.evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(border).toBe("rgb(138, 16, 32)");
    const button = item.getByRole("button");
    const described = await button.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "),
    );
    expect(described).toContain("not found in the transcript");
    // A supported statement carries no flag.
    expect(await page.locator("li.stmt", { hasText: "Left knee pain" }).getAttribute("class")).toBe("stmt");
  });

  it("works from the keyboard alone: Tab to the note, arrows between statements, Enter to play, Escape to clear", async () => {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the note");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("st-subjective-1");
    // Focus alone highlights the quote.
    await expect.poll(() => page.locator("#transcript .q.on").textContent()).toBe("My left knee hurts when I climb stairs");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("st-subjective-2");
    await expect.poll(() => page.locator("#transcript .q.on").textContent()).toBe("No fever at all");
    await page.keyboard.press("Enter");
    await expect.poll(() => currentTime(page)).toBeGreaterThanOrEqual(QUOTE_STARTS.fever);
    await expect.poll(() => page.locator("#live").textContent()).toContain("at 00:41");
    await page.keyboard.press("End");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("st-plan-1");
    await page.keyboard.press("Home");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("st-subjective-1");
    await page.keyboard.press("Escape");
    expect(await page.locator(".on").count()).toBe(0);
  });

  it("has no serious or critical accessibility violations (axe-core)", async () => {
    const violations = await axeViolations(page);
    const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
  });

  it("shows injected markup from the transcript and the model as text, and never runs it", async () => {
    expect(await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], PWNED)).toBeUndefined();
    expect(await page.locator("#transcript").innerText()).toContain(`<script>window.${PWNED} = 1</script>`);
    expect(await page.locator("#note").innerText()).toContain(`<img src=x onerror="window.${PWNED}=2">`);
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("img").count()).toBe(0);
  });

  it("prints the note without its controls", async () => {
    await page.emulateMedia({ media: "print" });
    expect(await page.$eval("#audio", (a) => getComputedStyle(a).display)).toBe("none");
    expect(await page.$eval("#transcript", (a) => getComputedStyle(a).position)).toBe("static");
  });
});
