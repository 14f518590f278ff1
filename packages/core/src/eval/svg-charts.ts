import { escapeXhtml } from "../export/xhtml.js";

/** A value with its interval, drawn as a bar or point with whiskers. */
export interface ChartValue {
  mean: number;
  low: number;
  high: number;
}

/** Colours of the arms, in order (distinguishable for common colour-vision deficiencies). */
export const ARM_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"] as const;

const colour = (i: number): string => ARM_COLOURS[i % ARM_COLOURS.length] as string;
const n2 = (x: number): string => (Math.round(x * 10) / 10).toString();

/** Inputs of {@link groupedBarChart}. */
export interface GroupedBars {
  id: string;
  title: string;
  description: string;
  categories: readonly string[];
  series: readonly { name: string; values: readonly (ChartValue | null)[] }[];
  /** Top of the value axis. @default 1 */
  max?: number;
}

function frame(id: string, title: string, description: string, width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${escapeXhtml(title)}</title><desc id="${id}-desc">${escapeXhtml(description)}</desc>${body}</svg>`;
}

function legend(names: readonly string[], x: number, y: number): string {
  return names
    .map((name, i) => `<rect x="${x}" y="${y + i * 18}" width="12" height="12" fill="${colour(i)}"/><text x="${x + 18}" y="${y + i * 18 + 10}" font-size="12">${escapeXhtml(name)}</text>`)
    .join("");
}

/**
 * A grouped bar chart as inline SVG: one group per category, one bar per series with its interval
 * as a whisker; values from 0 to `max`. Missing values leave a gap. All text is escaped.
 */
export function groupedBarChart(c: GroupedBars): string {
  const max = c.max ?? 1;
  const left = 48;
  const top = 16;
  const plotH = 220;
  const groupW = Math.max(60, c.series.length * 26 + 24);
  const plotW = c.categories.length * groupW;
  const legendY = top + plotH + 36;
  const height = legendY + c.series.length * 18 + 8;
  const width = left + plotW + 16;
  const y = (v: number): number => top + plotH - (Math.max(0, Math.min(v, max)) / max) * plotH;
  const parts: string[] = [];
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${n2(y(v))}" y2="${n2(y(v))}" stroke="#ddd"/><text x="${left - 6}" y="${n2(y(v) + 4)}" font-size="11" text-anchor="end">${escapeXhtml(String(Math.round(v * 1000) / 1000))}</text>`);
  }
  c.categories.forEach((cat, gi) => {
    const gx = left + gi * groupW + 12;
    c.series.forEach((s, si) => {
      const v = s.values[gi];
      if (v === null || v === undefined) return;
      const x = gx + si * 26;
      parts.push(
        `<rect x="${x}" y="${n2(y(v.mean))}" width="20" height="${n2(top + plotH - y(v.mean))}" fill="${colour(si)}"><title>${escapeXhtml(`${s.name}, ${cat}: ${v.mean.toFixed(3)} [${v.low.toFixed(3)}, ${v.high.toFixed(3)}]`)}</title></rect>`,
        `<line x1="${x + 10}" x2="${x + 10}" y1="${n2(y(v.low))}" y2="${n2(y(v.high))}" stroke="#222" stroke-width="1.5"/>`,
      );
    });
    parts.push(`<text x="${gx + (c.series.length * 26) / 2 - 3}" y="${top + plotH + 16}" font-size="12" text-anchor="middle">${escapeXhtml(cat)}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#222"/>`, legend(c.series.map((s) => s.name), left, legendY));
  return frame(c.id, c.title, c.description, width, height, parts.join(""));
}

/** Inputs of {@link scatterChart}. */
export interface Scatter {
  id: string;
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
  points: readonly { name: string; x: ChartValue; y: ChartValue }[];
}

function span(values: readonly number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.abs(hi) * 0.1 || 1;
  return [Math.max(0, lo - pad), hi + pad];
}

/** A scatter plot as inline SVG: one point per series with horizontal and vertical interval whiskers. */
export function scatterChart(c: Scatter): string {
  const left = 64;
  const top = 16;
  const plotW = 420;
  const plotH = 240;
  const [x0, x1] = span(c.points.flatMap((p) => [p.x.low, p.x.high]));
  const [y0, y1] = span(c.points.flatMap((p) => [p.y.low, p.y.high]));
  const X = (v: number): number => left + ((v - x0) / (x1 - x0)) * plotW;
  const Y = (v: number): number => top + plotH - ((v - y0) / (y1 - y0)) * plotH;
  const legendY = top + plotH + 44;
  const parts: string[] = [
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#222"/>`,
    `<text x="${left + plotW / 2}" y="${top + plotH + 32}" font-size="12" text-anchor="middle">${escapeXhtml(c.xLabel)}</text>`,
    `<text x="14" y="${top + plotH / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${top + plotH / 2})">${escapeXhtml(c.yLabel)}</text>`,
    `<text x="${left}" y="${top + plotH + 14}" font-size="11">${escapeXhtml(x0.toPrecision(3))}</text><text x="${left + plotW}" y="${top + plotH + 14}" font-size="11" text-anchor="end">${escapeXhtml(x1.toPrecision(3))}</text>`,
    `<text x="${left - 4}" y="${top + plotH}" font-size="11" text-anchor="end">${escapeXhtml(y0.toPrecision(3))}</text><text x="${left - 4}" y="${top + 10}" font-size="11" text-anchor="end">${escapeXhtml(y1.toPrecision(3))}</text>`,
  ];
  c.points.forEach((p, i) => {
    parts.push(
      `<line x1="${n2(X(p.x.low))}" x2="${n2(X(p.x.high))}" y1="${n2(Y(p.y.mean))}" y2="${n2(Y(p.y.mean))}" stroke="${colour(i)}" stroke-width="1.5"/>`,
      `<line x1="${n2(X(p.x.mean))}" x2="${n2(X(p.x.mean))}" y1="${n2(Y(p.y.low))}" y2="${n2(Y(p.y.high))}" stroke="${colour(i)}" stroke-width="1.5"/>`,
      `<circle cx="${n2(X(p.x.mean))}" cy="${n2(Y(p.y.mean))}" r="6" fill="${colour(i)}"><title>${escapeXhtml(`${p.name}: ${c.xLabel} ${p.x.mean.toPrecision(4)}, ${c.yLabel} ${p.y.mean.toFixed(3)}`)}</title></circle>`,
    );
  });
  parts.push(legend(c.points.map((p) => p.name), left, legendY));
  return frame(c.id, c.title, c.description, left + plotW + 16, legendY + c.points.length * 18 + 8, parts.join(""));
}
