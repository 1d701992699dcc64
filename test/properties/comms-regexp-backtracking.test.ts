/**
 * No regular expression on the comms paths backtracks, whatever the text: the worst-case renders
 * and template runs (test/comms/support/render-worst-case.ts, about 1 MB per format) run in a child process
 * with V8 counting backtracks, and any single expression execution that backtracks more than
 * LIMIT times is reported by V8 (it falls back to its linear engine and traces that). A quadratic
 * pattern such as the old `\s*\n\s*` exceeds the limit on the first long run of spaces.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const LIMIT = 10_000;

function run(script: string) {
  return spawnSync(
    process.execPath,
    [
      '--enable-experimental-regexp-engine-on-excessive-backtracks',
      `--regexp-backtracks-before-fallback=${LIMIT}`,
      '--trace-experimental-regexp-engine',
      '--import',
      'tsx',
      script,
    ],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
}

describe('regular expressions on the comms paths', () => {
  it(`never backtrack more than ${LIMIT} times in one execution over worst-case text`, () => {
    const result = run('test/comms/support/render-worst-case.ts');
    const output = `${result.stdout}${result.stderr}`;
    const fallbacks = output.split('\n').filter((line) => line.includes('Experimental execution'));
    expect(fallbacks).toEqual([]);
    expect(result.stdout.trim().endsWith('done')).toBe(true);
  }, 150_000);

  it('would catch a quadratic pattern (the harness sees a fallback)', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--enable-experimental-regexp-engine-on-excessive-backtracks',
        `--regexp-backtracks-before-fallback=${LIMIT}`,
        '--trace-experimental-regexp-engine',
        '-e',
        "('a' + ' '.repeat(20000) + 'b').replace(/\\s*\\n\\s*/g, ' ')",
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(`${result.stdout}${result.stderr}`).toContain('Experimental execution');
  });
});
