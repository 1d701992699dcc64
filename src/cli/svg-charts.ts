import { escapeHtml } from '../internal/escape.js';

// Inline SVG charts for the HTML report: no script, no external resource, every label escaped,
// every chart an `img` with a <title> and <desc> (and the page puts a data table next to it).
// Marks carry class="mark" and a <title> each, which browsers show as a tooltip.

const W = 640;
const H = 260;
const M = { top: 16, right: 16, bottom: 40, left: 64 };

const esc = (text: string) => escapeHtml(text);
const f = (n: number) => (Math.round(n * 10) / 10).toString();
/** Axis numbers: thousands separated (`25,000`), one decimal below that. */
const tick = (n: number) => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : f(n));

/** Round tick steps for a scale from 0 to `max`. */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Math.round(v * 1e9) / 1e9);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** The unit a duration axis reads best in, by its largest value. */
export function durationUnit(maxMs: number): { size: number; label: string } {
  if (maxMs < 2 * 3_600_000) return { size: 60_000, label: 'min' };
  if (maxMs < 3 * 86_400_000) return { size: 3_600_000, label: 'h' };
  return { size: 86_400_000, label: 'd' };
}

function frame(id: string, title: string, desc: string, body: string, height = H): string {
  return [
    `<svg class="chart" id="${id}" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${esc(title)}</title>`,
    `<desc id="${id}-desc">${esc(desc)}</desc>`,
    body,
    '</svg>',
  ].join('\n');
}

/** Category labels along the x axis, thinned so they never overlap. */
function xLabels(labels: readonly string[], x: (i: number) => number, y: number): string {
  const every = Math.max(1, Math.ceil(labels.length / 12));
  return labels
    .map((label, i) =>
      i % every === 0
        ? `<text class="tick" x="${f(x(i))}" y="${y + 16}" text-anchor="middle">${esc(label)}</text>`
        : '',
    )
    .join('');
}

function yAxis(
  ticks: readonly number[],
  y: (v: number) => number,
  format: (v: number) => string,
  unit: string,
): string {
  const lines = ticks
    .map(
      (t) =>
        `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${f(y(t))}" y2="${f(y(t))}"/><text class="tick" x="${M.left - 8}" y="${f(y(t) + 4)}" text-anchor="end">${esc(format(t))}</text>`,
    )
    .join('');
  const label = unit
    ? `<text class="axis-label" x="14" y="${f((M.top + H - M.bottom) / 2)}" transform="rotate(-90 14 ${f((M.top + H - M.bottom) / 2)})" text-anchor="middle">${esc(unit)}</text>`
    : '';
  return `<g class="axis">${lines}${label}</g>`;
}

/** One period of a percentile band chart. */
export interface BandPoint {
  readonly label: string;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly count: number;
}

/**
 * Median per period as a line with points, and the band from median to p90 shaded behind it: the
 * typical incident and the bad tail in one picture. Periods without data leave a gap.
 */
export function bandChart(id: string, title: string, desc: string, points: readonly BandPoint[]): string {
  const max = Math.max(0, ...points.map((p) => p.p90 ?? p.p50 ?? 0));
  const unit = durationUnit(max);
  const ticks = niceTicks(max / unit.size);
  const top = ticks[ticks.length - 1]! * unit.size;
  const plotW = W - M.left - M.right;
  const x = (i: number) => M.left + (points.length === 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (v: number) => H - M.bottom - (v / top) * (H - M.top - M.bottom);
  // Runs of consecutive periods with figures: each draws its own band and line.
  const runs: number[][] = [];
  points.forEach((p, i) => {
    if (p.p50 === null) return;
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === i - 1) run.push(i);
    else runs.push([i]);
  });
  const band = runs
    .map((run) => {
      const upper = run.map((i) => `${f(x(i))},${f(y(points[i]!.p90 ?? points[i]!.p50!))}`);
      const lower = [...run].reverse().map((i) => `${f(x(i))},${f(y(points[i]!.p50!))}`);
      if (run.length === 1) {
        const i = run[0]!;
        return `<rect class="band mark" x="${f(x(i) - 6)}" y="${f(y(points[i]!.p90 ?? points[i]!.p50!))}" width="12" height="${f(Math.max(1, y(points[i]!.p50!) - y(points[i]!.p90 ?? points[i]!.p50!)))}"/>`;
      }
      return `<polygon class="band mark" points="${[...upper, ...lower].join(' ')}"/>`;
    })
    .join('');
  const lines = runs
    .map((run) =>
      run.length > 1
        ? `<polyline class="line p90" points="${run.map((i) => `${f(x(i))},${f(y(points[i]!.p90 ?? points[i]!.p50!))}`).join(' ')}"/><polyline class="line p50" points="${run.map((i) => `${f(x(i))},${f(y(points[i]!.p50!))}`).join(' ')}"/>`
        : '',
    )
    .join('');
  const fmt = (ms: number) => `${f(ms / unit.size)} ${unit.label}`;
  const dots = points
    .map((p, i) =>
      p.p50 === null
        ? ''
        : `<circle class="dot mark" cx="${f(x(i))}" cy="${f(y(p.p50))}" r="4"><title>${esc(`${p.label}: median ${fmt(p.p50)}${p.p90 === null ? '' : `, p90 ${fmt(p.p90)}`} (${p.count} incidents)`)}</title></circle>`,
    )
    .join('');
  const legend = `<g class="legend" transform="translate(${W - M.right - 190},${M.top})"><rect class="band" width="14" height="10" y="-9"/><text x="20">median to p90</text><line class="line p50" x1="110" x2="128" y1="-4" y2="-4"/><text x="134">median</text></g>`;
  return frame(
    id,
    title,
    desc,
    `${yAxis(
      ticks,
      (v) => y(v * unit.size),
      (v) => f(v),
      unit.label === 'min' ? 'minutes' : unit.label === 'h' ? 'hours' : 'days',
    )}${band}${lines}${dots}${xLabels(
      points.map((p) => p.label),
      x,
      H - M.bottom,
    )}${legend}`,
  );
}

/** One stacked series: its name, colour class and a value per category. */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
}

/** Vertical bars per category, stacked by series (incidents per month by severity). */
export function stackedBarChart(
  id: string,
  title: string,
  desc: string,
  categories: readonly string[],
  series: readonly Series[],
): string {
  const totals = categories.map((_, c) => series.reduce((sum, s) => sum + (s.values[c] ?? 0), 0));
  const ticks = niceTicks(Math.max(1, ...totals));
  const top = ticks[ticks.length - 1]!;
  const plotW = W - M.left - M.right;
  const step = plotW / Math.max(1, categories.length);
  const barW = Math.max(2, Math.min(36, step * 0.7));
  const x = (i: number) => M.left + step * (i + 0.5);
  const y = (v: number) => H - M.bottom - (v / top) * (H - M.top - M.bottom);
  const bars = categories
    .map((label, c) => {
      let base = 0;
      return series
        .map((s) => {
          const v = s.values[c] ?? 0;
          if (v <= 0) return '';
          const rect = `<rect class="mark" fill="${s.color}" x="${f(x(c) - barW / 2)}" y="${f(y(base + v))}" width="${f(barW)}" height="${f(Math.max(0.5, y(base) - y(base + v)))}"><title>${esc(`${label} · ${s.name}: ${v}`)}</title></rect>`;
          base += v;
          return rect;
        })
        .join('');
    })
    .join('');
  const legend = series
    .map(
      (s, k) =>
        `<g transform="translate(${M.left + k * 96},${H - 6})"><rect fill="${s.color}" width="10" height="10" y="-9"/><text x="14">${esc(s.name)}</text></g>`,
    )
    .join('');
  return frame(
    id,
    title,
    desc,
    `${yAxis(ticks, y, tick, 'incidents')}${bars}${xLabels(categories, x, H - M.bottom - 6)}<g class="legend">${legend}</g>`,
    H + 8,
  );
}

/** One horizontal bar: a label, its value and an optional lighter value behind it (the total). */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly behind?: number | undefined;
  readonly color?: string | undefined;
  readonly text?: string | undefined;
}

/** Horizontal bars, longest first as given, with an optional threshold line. */
export function horizontalBarChart(
  id: string,
  title: string,
  desc: string,
  bars: readonly Bar[],
  options: { readonly threshold?: { value: number; label: string }; readonly unit?: string | undefined } = {},
): string {
  const rowH = 26;
  const left = 180;
  const height = M.top + bars.length * rowH + 34;
  const max = Math.max(
    options.threshold?.value ?? 0,
    ...bars.map((b) => Math.max(b.value, b.behind ?? 0)),
    1e-9,
  );
  const ticks = niceTicks(max, 4);
  const top = ticks[ticks.length - 1]!;
  const plotW = W - left - M.right - 56;
  const x = (v: number) => left + (v / top) * plotW;
  const grid = ticks
    .map(
      (t) =>
        `<line class="grid" x1="${f(x(t))}" x2="${f(x(t))}" y1="${M.top}" y2="${M.top + bars.length * rowH}"/><text class="tick" x="${f(x(t))}" y="${M.top + bars.length * rowH + 16}" text-anchor="middle">${esc(tick(t))}</text>`,
    )
    .join('');
  const rows = bars
    .map((b, i) => {
      const y = M.top + i * rowH + 4;
      const behind =
        b.behind !== undefined && b.behind > 0
          ? `<rect class="behind" x="${left}" y="${y}" width="${f(Math.max(1, x(b.behind) - left))}" height="${rowH - 8}"/>`
          : '';
      const label = b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label;
      return `<text class="tick" x="${left - 8}" y="${y + rowH / 2}" text-anchor="end">${esc(label)}<title>${esc(b.label)}</title></text>${behind}<rect class="mark" fill="${b.color ?? 'var(--accent)'}" x="${left}" y="${y}" width="${f(Math.max(b.value > 0 ? 2 : 0.5, x(b.value) - left))}" height="${rowH - 8}"><title>${esc(`${b.label}: ${b.text ?? f(b.value)}`)}</title></rect><text class="value" x="${f(Math.max(x(b.value), x(b.behind ?? 0)) + 6)}" y="${y + rowH / 2}">${esc(b.text ?? f(b.value))}</text>`;
    })
    .join('');
  const threshold = options.threshold
    ? `<line class="threshold" x1="${f(x(options.threshold.value))}" x2="${f(x(options.threshold.value))}" y1="${M.top - 6}" y2="${M.top + bars.length * rowH}"/><text class="tick" x="${f(x(options.threshold.value) + 4)}" y="${M.top - 2}">${esc(options.threshold.label)}</text>`
    : '';
  const unit = options.unit
    ? `<text class="axis-label" x="${f(left + plotW / 2)}" y="${height - 2}" text-anchor="middle">${esc(options.unit)}</text>`
    : '';
  return frame(id, title, desc, `<g class="axis">${grid}</g>${rows}${threshold}${unit}`, height);
}

/** One part of a whole: label, count, colour. */
export interface Part {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}

/** A single bar split into parts of a whole (action items by state), with a legend of counts. */
export function partsChart(id: string, title: string, desc: string, parts: readonly Part[]): string {
  const total = parts.reduce((s, p) => s + p.value, 0);
  const height = 120;
  const left = M.left - 40;
  const plotW = W - left - M.right;
  let at = left;
  const segments = parts
    .filter((p) => p.value > 0)
    .map((p) => {
      const w = (p.value / total) * plotW;
      const rect = `<rect class="mark" fill="${p.color}" x="${f(at)}" y="24" width="${f(Math.max(1, w))}" height="36"><title>${esc(`${p.label}: ${p.value} (${Math.round((p.value / total) * 100)}%)`)}</title></rect>`;
      at += w;
      return rect;
    })
    .join('');
  const legend = parts
    .map(
      (p, k) =>
        `<g transform="translate(${left + k * 150},92)"><rect fill="${p.color}" width="12" height="12" y="-10"/><text x="18">${esc(`${p.label} ${p.value}`)}</text></g>`,
    )
    .join('');
  return frame(id, title, desc, `${segments}<g class="legend">${legend}</g>`, height);
}
