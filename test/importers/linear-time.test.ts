/**
 * The importers' text paths cost linear work whatever the text: export detection over JSON text
 * that does not parse (the first part of a file) and the reading of times, each run over about
 * 1 MB of its worst-case text. The work is COUNTED, not timed (test/count-work.ts: every string
 * and RegExp operation our code asks for is charged the characters it has to look at), and the total per input character must stay under a budget at
 * 1 MB and not grow from ¼ MB to 1 MB. What a regular expression does inside (backtracking) is
 * counted by V8 itself: the same texts run in a child process with V8's backtracking limit, and
 * any expression that backtracks more than the limit is reported. The regexes that used to sit on
 * these paths (`\s*` between two literals, `\s+…$` unanchored) backtracked quadratically there.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectImportSource, fromCsv, fromPagerDuty } from '../../src/importers/index.js';
import { countWork } from '../count-work.js';
import { DETECTION_TEXTS, TIME_TEXTS } from './support/worst-case-texts.js';

/** Work per character of `make(n)` at n ≈ 1 MB, and how much it grew from n/4. */
function perCharacter(
  make: (n: number) => string,
  run: (text: string) => void,
): { at1mb: number; growth: number } {
  const big = make(1 << 20);
  const small = make(1 << 18);
  const at1mb = countWork(() => run(big)) / big.length;
  const atQuarter = countWork(() => run(small)) / small.length;
  return { at1mb, growth: at1mb / atQuarter };
}

/** Units of work per character any of these paths may cost (measured: 3–23). */
const BUDGET = 40;

describe('export detection over text that does not parse costs linear work', () => {
  it.each(DETECTION_TEXTS)('%s', (_, make) => {
    const { at1mb, growth } = perCharacter(make, (text) => {
      detectImportSource(text);
    });
    console.info(
      `detection work per character at 1 MB: ${at1mb.toFixed(2)} (×${growth.toFixed(2)} from ¼ MB)`,
    );
    expect(at1mb).toBeLessThan(BUDGET);
    expect(growth).toBeLessThan(1.5);
  });

  it('still finds the marks (the linear scan reads them as the regexes did)', () => {
    expect(detectImportSource('{"page" : {"id": "x", "time_zone": "UTC"')).toBe('statuspage');
    expect(detectImportSource('{"page": {"id": "x"}, "time_zone": "UTC"')).toBeUndefined();
    expect(detectImportSource('[{"type" :\n "incident", "id": "Q1"')).toBe('pagerduty');
    expect(detectImportSource('[{"type": "incident_reference"')).toBeUndefined();
    expect(detectImportSource('{"data": [{"tinyId"\t: "7"')).toBe('opsgenie');
    expect(detectImportSource('{"note": "tinyId", "x": 1')).toBeUndefined();
  });
});

describe('reading a time costs linear work', () => {
  it.each(TIME_TEXTS)('%s', (_, make) => {
    const { at1mb, growth } = perCharacter(make, (cell) => {
      const { skipped } = fromPagerDuty([{ id: 'Q1', created_at: cell }]);
      expect(skipped.length).toBeLessThanOrEqual(1);
    });
    console.info(
      `time reading work per character at 1 MB: ${at1mb.toFixed(2)} (×${growth.toFixed(2)} from ¼ MB)`,
    );
    expect(at1mb).toBeLessThan(BUDGET);
    expect(growth).toBeLessThan(1.5);
  });

  it('still reads the shapes the old patterns read', () => {
    const at = Date.parse('2026-11-24T09:00:00Z');
    const read = (cell: string) =>
      fromCsv(`created\n${cell}\n`, { detectedAt: 'created' }).incidents[0]?.milestones.detectedAt;
    expect(read('2026-11-24T09:00:00 UTC')).toBe(at);
    expect(read('2026-11-24T09:00:00gmt')).toBe(at);
    expect(read('2026-11-24T14:30:00   +05:30')).toBe(at);
    expect(read('2026-11-24T03:00:00 -0600')).toBe(at);
    expect(read('2026-11-24T09:00:00 +05:3')).toBeUndefined();
  });
});

const root = resolve(fileURLToPath(import.meta.url), '../../..');

/** The child's script: detection and time reading over about 1 MB of each worst-case text. */
const WORST_CASE_RUN = `
import { detectImportSource, fromCsv, fromPagerDuty } from './src/importers/index.ts';
import { DETECTION_TEXTS, TIME_TEXTS } from './test/importers/support/worst-case-texts.ts';
const n = 1 << 20;
for (const [, make] of DETECTION_TEXTS) detectImportSource(make(n));
for (const [, make] of TIME_TEXTS) {
  const cell = make(n);
  fromPagerDuty([{ id: 'Q1', created_at: cell }]);
  fromCsv('id,created\\nQ1,"' + cell + '"\\n', { id: 'id', detectedAt: 'created' }, { timeZone: 'UTC' });
}
process.stdout.write('done\\n');
`;
const LIMIT = 10_000;
const V8_FLAGS = [
  '--enable-experimental-regexp-engine-on-excessive-backtracks',
  `--regexp-backtracks-before-fallback=${LIMIT}`,
  '--trace-experimental-regexp-engine',
];

describe('regular expressions on the importers’ text paths', () => {
  it(`never backtrack more than ${LIMIT} times in one execution over the worst-case texts`, () => {
    const result = spawnSync(
      process.execPath,
      [...V8_FLAGS, '--import', 'tsx', '--input-type=module', '-e', WORST_CASE_RUN],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    const output = `${result.stdout}${result.stderr}`;
    expect(output.split('\n').filter((line) => line.includes('Experimental execution'))).toEqual([]);
    expect(result.stdout.trim().endsWith('done')).toBe(true);
  }, 150_000);

  it('would catch the offset pattern time reading used before (the harness sees a fallback)', () => {
    const result = spawnSync(
      process.execPath,
      [...V8_FLAGS, '-e', "/\\s+([+-]\\d{2}:?\\d{2})$/.test('x' + ' '.repeat(20000) + 'x')"],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(`${result.stdout}${result.stderr}`).toContain('Experimental execution');
  });
});
