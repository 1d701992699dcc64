import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserExample } from '../../examples/browser/build.js';

// The browser example, bundled by esbuild, in headless Chromium (Debian's, driven by
// playwright-core): the pure modules classify and render in a real page. Without Chromium the
// suite skips, saying so.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
if (!haveChromium)
  console.warn(
    `test/examples/browser.test.ts: skipped, no Chromium at ${executablePath} (set CHROMIUM_PATH)`,
  );

const ARTIFACTS = join(import.meta.dirname, '../.artifacts');
let context: BrowserContext;
let profile: string;
let outdir: string;
let bundleBytes: number;

beforeAll(async () => {
  if (!haveChromium) return;
  outdir = mkdtempSync(join(tmpdir(), 'incidentkit-browser-example-'));
  bundleBytes = await buildBrowserExample(outdir);
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
    viewport: { width: 1100, height: 760 },
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  for (const dir of [profile, outdir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveChromium)('examples/browser in Chromium', () => {
  it('classifies the impact typed into the form and previews the status-page update, with no errors', async () => {
    expect(bundleBytes).toBeGreaterThan(0);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(join(outdir, 'index.html')).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]');
    // Nothing ticked: no customer sees it, nothing is degraded — the policy's default, SEV4.
    expect(await page.textContent('#severity')).toBe('SEV4');

    await page.check('input[name=customerFacing]');
    expect(await page.textContent('#severity')).toBe('SEV3');
    await page.check('input[name=degraded]');
    await page.fill('input[name=usersAffectedPct]', '12');
    expect(await page.textContent('#severity')).toBe('SEV2');
    expect(await page.textContent('#reasons')).toContain('a customer-facing service is degraded');
    await page.check('input[name=coreFunctionalityDown]');
    expect(await page.textContent('#severity')).toBe('SEV1');

    await page.fill('input[name=services]', 'Checkout, Payments <b>EU</b>');
    await page.fill('textarea[name=message]', 'Card payments are failing for some customers.');
    const preview = (await page.textContent('#preview')) ?? '';
    expect(preview).toContain('Card payments are failing for some customers.');
    expect(preview).toContain('Checkout');
    expect(preview).toMatch(/Payments <\u200b?b>EU/); // escaped: shown as text, never markup
    expect(await page.$$('#preview b')).toHaveLength(0);

    await page.fill('input[name=usersAffectedPct]', '250');
    expect(await page.textContent('#error')).toContain('usersAffectedPct');
    expect(problems).toEqual([]);

    await page.fill('input[name=usersAffectedPct]', '12');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'browser-example.png'), fullPage: true });
  });
});
