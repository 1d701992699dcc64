import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, removeTempDirs, runCli, sampleEventLogs, tempDir } from '../cli/helpers.js';

// The generated report in a real browser (Debian's chromium, driven by playwright-core). Without
// Chromium the suite skips, saying so; CI installs it, so there nothing skips.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
if (!haveChromium)
  console.warn(`test/browser/report.test.ts: skipped, no Chromium at ${executablePath} (set CHROMIUM_PATH)`);

const ARTIFACTS = join(import.meta.dirname, '../.artifacts');

let context: BrowserContext;
let profile: string;
let reportFile: string;

beforeAll(async () => {
  if (!haveChromium) return;
  await buildCli();
  const dir = tempDir();
  const logs = join(dir, 'logs.json');
  writeFileSync(
    logs,
    JSON.stringify(
      sampleEventLogs({
        incidents: 400,
        hostile: ['<script>alert(1)</script>', '</svg><img src=x onerror=alert(1)>'],
      }),
    ),
  );
  const pages = join(dir, 'pages.json');
  writeFileSync(
    pages,
    JSON.stringify(
      Array.from({ length: 240 }, (_, i) => ({
        responder: ['alice', 'bob', 'carol', 'dana', '<b>erin</b>'][(i % 7) % 5],
        at: Date.UTC(2026, 0, 5) + i * 30 * 3_600_000,
      })),
    ),
  );
  reportFile = join(dir, 'report.html');
  const run = await runCli([
    'report',
    logs,
    '--pages',
    pages,
    '--out',
    reportFile,
    '--now',
    '2026-11-30T00:00:00Z',
  ]);
  expect(run.code, run.stderr).toBe(0);
  profile = mkdtempSync(join(tmpdir(), 'incidentkit-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  removeTempDirs();
});

describe.skipIf(!haveChromium)('the HTML report in Chromium', () => {
  it('loads without console errors or network requests, draws marks in every chart, and is screenshotted', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    // A dialog would mean imported text ran as script.
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const url = pathToFileURL(reportFile).href;
    await page.goto(url, { waitUntil: 'load' });

    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);

    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => {
        const marks = Array.from(svg.querySelectorAll('.mark')).map((m) =>
          (m as SVGGraphicsElement).getBBox(),
        );
        const labelledBy = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
        return {
          id: svg.id,
          role: svg.getAttribute('role'),
          width: svg.getBoundingClientRect().width,
          marks: marks.length,
          drawn: marks.filter((b) => b.width > 0 && b.height > 0).length,
          labels: labelledBy.map((id) => document.getElementById(id)?.textContent ?? ''),
        };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual([
      'chart-mttr',
      'chart-mttd',
      'chart-frequency',
      'chart-detection',
      'chart-action-items',
      'chart-recurrence',
      'chart-on-call',
    ]);
    for (const chart of charts) {
      expect(chart.role, chart.id).toBe('img');
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.marks, chart.id).toBeGreaterThan(0);
      expect(chart.drawn, `${chart.id}: marks with a size`).toBe(chart.marks);
      expect(
        chart.labels.every((l) => l.length > 5),
        chart.id,
      ).toBe(true);
    }
    // Imported text stayed text: no element came from it.
    expect(await page.$$('script, img, iframe, body b')).toHaveLength(0);
    expect(await page.textContent('body')).toContain('<\u200Bscript>alert(1)');

    // The accessible name of each chart is its title and description.
    const snapshot = await page.locator('#chart-mttr').ariaSnapshot();
    expect(snapshot).toContain('img "Time to resolve per month, median and p90');

    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    console.log(`report screenshot: ${shot}`);
    await page.close();
  }, 60_000);
});
