import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, removeTempDirs, runCli, sampleEventLogs, tempDir, writePagerDutyCsv } from './helpers.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '</svg><img src=x onerror=alert(1)>',
  '" onmouseover="alert(1)',
  "'><style>body{display:none}</style>",
  '@channel <!here> https://evil.example/x',
];
const NOW = '2026-11-30T00:00:00Z';

let dir: string;
let html: string;
let pdHtml: string;

afterAll(removeTempDirs);

beforeAll(async () => {
  await buildCli();
  dir = tempDir();
  const logs = join(dir, 'logs.json');
  writeFileSync(logs, JSON.stringify(sampleEventLogs({ incidents: 300, hostile: HOSTILE })));
  const pages = join(dir, 'pages.csv');
  writeFileSync(
    pages,
    `responder,created_at\n${Array.from({ length: 200 }, (_, i) => `${i % 4 === 0 ? '"<b>mallory</b>"' : ['alice', 'bob', 'carol'][i % 3]},${new Date(Date.UTC(2026, 0, 6) + i * 36 * 3_600_000).toISOString()}`).join('\n')}\n`,
  );
  const out = join(dir, 'report.html');
  const run = await runCli([
    'report',
    logs,
    '--out',
    out,
    '--pages',
    pages,
    '--now',
    NOW,
    '--title',
    'Q3 <review>',
  ]);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain(`wrote ${out}`);
  html = readFileSync(out, 'utf8');
  const csv = join(dir, 'pd.csv');
  await writePagerDutyCsv(csv, { rows: 3_000, titles: HOSTILE });
  const pd = await runCli(['report', csv, '--now', NOW, '-q']);
  expect(pd.code).toBe(0);
  pdHtml = pd.stdout;
});

const charts = (page: string) => [...page.matchAll(/<svg class="chart"[\s\S]*?<\/svg>/g)].map((m) => m[0]);

describe('incidentkit report', () => {
  it('writes one self-contained page: no script, no external resource, a CSP that forbids them', () => {
    for (const page of [html, pdHtml]) {
      expect(page).toMatch(/^<!doctype html>/);
      expect(page).not.toMatch(/<script|<link|<iframe|<img|<object|@import|url\(/i);
      expect(page).not.toMatch(/<[a-z][^>]*\s(?:src|href)=/i);
      expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    }
  });

  it('draws every chart the issue asks for, each with a title, a description and aria labels', () => {
    const ids = charts(html).map((svg) => /id="(chart-[a-z-]+)"/.exec(svg)![1]);
    expect(ids).toEqual([
      'chart-mttr',
      'chart-mttd',
      'chart-frequency',
      'chart-detection',
      'chart-action-items',
      'chart-recurrence',
      'chart-on-call',
    ]);
    for (const svg of charts(html)) {
      const id = /id="(chart-[a-z-]+)"/.exec(svg)![1];
      expect(svg).toContain(`role="img" aria-labelledby="${id}-title ${id}-desc"`);
      expect(svg).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>`));
      expect(svg).toMatch(new RegExp(`<desc id="${id}-desc">[^<]{20,}</desc>`));
      expect(svg).toMatch(/class="[^"]*\bmark\b/);
    }
  });

  it('puts a definition stamp and a data table beside every figure', () => {
    const figures = [...html.matchAll(/<figure[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    expect(figures).toHaveLength(7);
    for (const figure of figures) {
      expect(figure).toMatch(/<p class="stamp">Definition: <code>[^<]+\[[^<]+\]/);
      expect(figure).toMatch(/<details><summary>Data table<\/summary>\n<table/);
    }
    expect(html).toContain('mttr[impactStart→resolvedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]');
    expect(html).toContain('mttd[startedAt→detectedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]');
  });

  it('escapes every imported string: titles, categories, action items, responders and the page title', () => {
    for (const page of [html, pdHtml]) {
      expect(page).not.toContain('<script>');
      expect(page).not.toContain('<img src=x');
      expect(page).not.toContain('<style>body');
      expect(page).not.toContain('" onmouseover="');
      expect(page).not.toContain('https://evil');
    }
    expect(html).toContain('&lt;\u200Bscript&gt;alert(1)&lt;\u200B/script&gt;');
    expect(html).toContain('&lt;\u200Bb&gt;mallory&lt;\u200B/b&gt;');
    expect(html).toContain('<title>Q3 &lt;\u200Breview&gt;</title>');
    // One <style> and one </svg> per chart: nothing imported opened or closed an element.
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<\/svg>/g)).toHaveLength(7);
  });

  it('leaves out the on-call chart without pages, and says what a chart lacks instead of drawing nothing', () => {
    expect(pdHtml).not.toContain('chart-on-call');
    // A PagerDuty export carries no action items.
    expect(pdHtml).toContain('This export carries no action items');
    expect(charts(pdHtml).map((svg) => /id="(chart-[a-z-]+)"/.exec(svg)![1])).toEqual([
      'chart-mttr',
      'chart-frequency',
      'chart-detection',
      'chart-recurrence',
    ]);
  });
});
