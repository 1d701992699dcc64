import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function fakeStderr(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (t: string) => writes.push(t) } };
}

describe('createProgress', () => {
  it('stays quiet for imports under the threshold', () => {
    const { writes, stream } = fakeStderr(true);
    const p = createProgress(stream, { label: 'x.csv', totalBytes: 100, now: () => 0 });
    for (let rows = 1; rows <= 9_999; rows++) p.update(rows, rows / 100);
    p.done(9_999);
    expect(writes).toEqual([]);
  });

  it('redraws one bar with \\r on a terminal, then ends with a summary line', () => {
    const { writes, stream } = fakeStderr(true);
    let t = 0;
    const p = createProgress(stream, { label: 'x.csv', totalBytes: 100_000, now: () => t });
    for (let rows = 1; rows <= 100_000; rows++) {
      t = rows / 10; // 10 rows per ms
      p.update(rows, rows);
    }
    p.done(100_000);
    const bars = writes.filter((w) => w.startsWith('\r'));
    expect(bars.length).toBeGreaterThan(5);
    expect(bars.length).toBeLessThan(110); // at most every 100 ms
    expect(bars.at(-2)!.startsWith('\r\u001b[K')).toBe(true);
    expect(bars.at(-2)!.slice(4)).toMatch(/^x\.csv {2}\[█+░*\] \d+% {2}[\d,]+ rows/);
    expect(writes.at(-1)).toBe('incidentkit: x.csv: 100,000 rows read in 10.0 s\n');
  });

  it('prints plain lines every interval when stderr is not a terminal', () => {
    const { writes, stream } = fakeStderr(false);
    let t = 0;
    const p = createProgress(stream, { label: 'x.csv', totalBytes: 50_000, now: () => t, intervalMs: 2_000 });
    for (let rows = 1; rows <= 50_000; rows++) {
      t = rows; // 1 row per ms: 50 s
      p.update(rows, rows);
    }
    p.done(50_000);
    expect(writes.every((w) => !w.includes('\r') && w.endsWith('\n'))).toBe(true);
    expect(writes.length).toBeGreaterThanOrEqual(18);
    expect(writes.length).toBeLessThanOrEqual(22);
    expect(writes[0]).toBe('incidentkit: x.csv: 10,240 rows read (20%)\n');
  });
});
