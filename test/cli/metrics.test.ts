import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPagerDutyRowImporter } from '../../src/importers/index.js';
import { replay } from '../../src/lifecycle/index.js';
import { metricsReport } from '../../src/metrics/index.js';
import { buildCli, removeTempDirs, runCli, sampleEventLogs, tempDir, writePagerDutyCsv } from './helpers.js';

const NOW = '2026-12-01T00:00:00Z';
const HOSTILE = [
  '\u001b[31mred\u001b]0;pwned\u0007',
  '<script>alert(1)</script>',
  '| pipe | **bold** [x](javascript:alert(1))',
];

let dir: string;
let logsFile: string;
let incidentsFile: string;
let csvFile: string;

afterAll(removeTempDirs);

beforeAll(async () => {
  await buildCli();
  dir = tempDir();
  const logs = sampleEventLogs({ incidents: 60, hostile: HOSTILE });
  logsFile = join(dir, 'logs.json');
  writeFileSync(logsFile, JSON.stringify(logs));
  incidentsFile = join(dir, 'incidents.json');
  writeFileSync(incidentsFile, JSON.stringify(logs.map((log) => replay(log as never))));
  csvFile = join(dir, 'pagerduty.csv');
  await writePagerDutyCsv(csvFile, { rows: 2_000, badEvery: 500 });
});

/** `incidentkit metrics <file> --format json --now NOW …args`. */
const metricsJson = (file: string, ...args: string[]) =>
  runCli(['metrics', file, '--format', 'json', '--now', NOW, ...args]);

describe('incidentkit metrics', () => {
  it('prints the metricsReport result of incidentkit incidents as JSON, in milliseconds', async () => {
    const run = await metricsJson(incidentsFile);
    expect(run.code).toBe(0);
    const incidents = JSON.parse(readFileSync(incidentsFile, 'utf8'));
    const expected = metricsReport(incidents, {
      now: NOW,
      open: 'exclude',
      timeZone: 'UTC',
      policy: (await import('../../src/severity/index.js')).defaultSeverityPolicy,
    });
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('replays event logs into incidents and measures the same figures', async () => {
    const fromLogs = await metricsJson(logsFile);
    const fromIncidents = await metricsJson(incidentsFile);
    expect(fromLogs.code).toBe(0);
    expect(JSON.parse(fromLogs.stdout)).toEqual(JSON.parse(fromIncidents.stdout));
  });

  it('streams a PagerDuty CSV through the row importer, summarises skipped rows on stderr and still exits 0', async () => {
    const run = await metricsJson(csvFile);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('skipped 4 of 2,000 rows');
    expect(run.stderr).toMatch(/line 501 \(PDW\): created_at/);
    // The same figures as importing row by row in-process.
    const { parse } = await import('csv-parse/sync');
    const rows = parse(readFileSync(csvFile, 'utf8'), { columns: true }) as Record<string, string>[];
    const importer = createPagerDutyRowImporter();
    const incidents = rows.flatMap((row, i) => importer.push(row, i + 2) ?? []);
    const expected = metricsReport(incidents, { now: NOW, open: 'exclude', timeZone: 'UTC' });
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('filters by --since, --until and --severity and adds periods with --interval', async () => {
    const run = await runCli([
      'metrics',
      csvFile,
      '--format',
      'json',
      '--now',
      NOW,
      '--since',
      '2025-03-01',
      '--until',
      '2025-06-01',
      '--interval',
      'month',
      '--severity',
      'SEV1,SEV2',
      '-q',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.periods.map((p: { label: string }) => p.label)).toEqual(['2025-03', '2025-04', '2025-05']);
    expect(report.frequency.buckets[0].bySeverity.SEV3).toBe(0);
    expect(report.incidents).toBe(report.frequency.total);
  });

  it('reads --severity aliases on the default scale and refuses a value that is not on it', async () => {
    const bySeverity = (severity: string) => metricsJson(csvFile, '--severity', severity, '-q');
    const byKey = JSON.parse((await bySeverity('SEV1,SEV2')).stdout);
    const byAlias = await bySeverity('P0,p1');
    expect(byAlias.code).toBe(0);
    expect(JSON.parse(byAlias.stdout).incidents).toBe(byKey.incidents);
    expect(byKey.incidents).toBeGreaterThan(0);
    expect(JSON.parse((await bySeverity('SEV3')).stdout).incidents).not.toBe(byKey.incidents);
    expect((await bySeverity('unclassified')).code).toBe(0);
    const typo = await bySeverity('SEV9');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--severity');
    expect(typo.stderr).toContain('SEV9');
    // A --severity-map target must be on the scale too (an alias is read as its key).
    const offScale = await metricsJson(csvFile, '-q', '--severity-map', 'P1=SEV9');
    expect(offScale.code).toBe(2);
    expect(offScale.stderr).toContain('--severity-map');
    expect((await metricsJson(csvFile, '-q', '--severity-map', 'P1=P0')).code).toBe(0);
  });

  it('prints an aligned table by default, with every definition stamp', async () => {
    const run = await runCli(['metrics', logsFile, '--now', NOW, '--interval', 'month']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Time to resolve \(MTTR\)\s+\d+/);
    expect(run.stdout).toContain(
      'definition: mttr[impactStart→resolvedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]',
    );
    expect(run.stdout).toContain('Per period');
  });

  it('strips terminal escapes from imported text in the table, escapes it in markdown and HTML', async () => {
    const table = await runCli(['metrics', logsFile, '--now', NOW]);
    // The hostile category shows, without its escape sequences.
    expect(table.stdout).toContain('[31mred]0;pwned');
    expect(table.stdout).not.toContain(String.fromCharCode(27));
    expect(table.stdout).not.toContain(String.fromCharCode(7));
    const md = await runCli(['metrics', logsFile, '--now', NOW, '--format', 'markdown']);
    expect(md.stdout).toContain('\\| pipe \\| \\*\\*bold\\*\\* \\[x\\](javascript:alert(1))');
    const html = await runCli(['metrics', logsFile, '--now', NOW, '--format', 'html']);
    expect(html.stdout).toContain('&lt;\u200Bscript&gt;alert(1)&lt;\u200B/script&gt;');
    expect(html.stdout).not.toContain('<script');
  });

  it('--open censor counts open incidents as censored, and says so in the stamp', async () => {
    const run = await runCli(['metrics', logsFile, '--now', NOW, '--open', 'censor', '--format', 'json']);
    expect(JSON.parse(run.stdout).durations.mttr.definition).toContain('open=censor');
  });

  it('takes the detection source the export does not give from --default-source', async () => {
    const run = await runCli([
      'metrics',
      csvFile,
      '--format',
      'json',
      '--now',
      NOW,
      '-q',
      '--default-source',
      'monitoring',
    ]);
    expect(JSON.parse(run.stdout).detection.automatedRate).toBe(1);
  });

  it('reads any CSV through --mapping', async () => {
    const file = join(dir, 'generic.csv');
    writeFileSync(
      file,
      'ref,opened,fixed,sev\nA-1,2026-03-01T10:00:00Z,2026-03-01T12:00:00Z,SEV2\nA-2,2026-03-02 09:00,2026-03-02 09:30,SEV1\n',
    );
    const run = await runCli([
      'metrics',
      file,
      '--format',
      'json',
      '--now',
      NOW,
      '--time-zone',
      'Europe/Berlin',
      '--mapping',
      'id=ref,detectedAt=opened,resolvedAt=fixed,severity=sev',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.incidents).toBe(2);
    expect(report.durations.mttr.medianMs).toBe(75 * 60_000);
  });

  it('reports progress as plain lines on a non-terminal stderr for imports over 10k rows', async () => {
    const file = join(dir, 'big.csv');
    await writePagerDutyCsv(file, { rows: 12_000 });
    const run = await metricsJson(file);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/incidentkit: .*big\.csv: [\d,]+ rows read \(\d+%\)\n/);
    expect(run.stderr).toMatch(/12,000 rows read in [\d.]+ s\n/);
    expect(run.stderr).not.toContain('\r');
  });
});

describe('incidentkit metrics in a pipe', () => {
  it('exits quietly when the reader closes the pipe early (| head)', async () => {
    const { spawn } = await import('node:child_process');
    const cli = await buildCli();
    const child = spawn(process.execPath, [cli, 'metrics', logsFile, '--format', 'markdown', '--now', NOW], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('internal error');
    expect(code).toBe(0);
  });
});

describe('incidentkit metrics usage errors (exit 2)', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['metrics', '/nonexistent/export.csv'], /\/nonexistent\/export\.csv not found/],
    ['no file', ['metrics'], /<file>: missing/],
    [
      'an unknown format',
      ['metrics', 'x.csv', '--format', 'xml'],
      /--format: unknown value "xml"; use one of table, json, markdown, html/,
    ],
    ['an unknown option', ['metrics', 'x.csv', '--colour'], /Unknown option '--colour'/],
    [
      'a bad time',
      ['metrics', 'x.csv', '--since', '2026-02-30'],
      /--since: "2026-02-30" is not a calendar date/,
    ],
    [
      'a time zone that does not exist',
      ['metrics', 'x.csv', '--time-zone', 'Mars/Base'],
      /--time-zone: "Mars\/Base" is not an IANA time zone/,
    ],
    [
      'a mapping without detectedAt',
      ['metrics', 'x.csv', '--mapping', 'resolvedAt=fixed'],
      /--mapping: needs detectedAt/,
    ],
    [
      'a mapping with an unknown field',
      ['metrics', 'x.csv', '--mapping', 'detectedAt=a,when=b'],
      /--mapping: unknown field when/,
    ],
    [
      'a mapping that is not pairs',
      ['metrics', 'x.csv', '--mapping', 'detectedAt'],
      /--mapping: detectedAt not found/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`exits 2 on ${what}, saying what is wrong`, async () => {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    });
  }

  it('exits 2 when a mapping names a column the CSV does not have', async () => {
    const file = join(dir, 'cols.csv');
    writeFileSync(file, 'ref,opened\nA-1,2026-03-01T10:00:00Z\n');
    const run = await runCli(['metrics', file, '--mapping', 'detectedAt=created']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('detectedAt maps to column "created"');
  });

  it('reads a ; or tab separated CSV with --delimiter, and refuses a delimiter that is not one character', async () => {
    const rows = [
      ['ref', 'opened', 'fixed'],
      ['A-1', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z'],
      ['A-2', '2026-03-02T10:00:00Z', '2026-03-02T10:30:00Z'],
    ];
    const mapping = ['--mapping', 'id=ref,detectedAt=opened,resolvedAt=fixed'];
    for (const [name, separator, flag] of [
      ['semi.csv', ';', ';'],
      ['tabs.csv', '\t', 'tab'],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, `${rows.map((r) => r.join(separator)).join('\n')}\n`);
      const run = await metricsJson(file, ...mapping, '--delimiter', flag);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).incidents).toBe(2);
    }
    const wrong = await runCli(['metrics', join(dir, 'semi.csv'), ...mapping, '--delimiter', ';;']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--delimiter');
  });

  it('numbers the skipped entries of a JSON export by their place in its list, not as lines', async () => {
    const file = join(dir, 'entries.json');
    writeFileSync(file, JSON.stringify([{ id: 'a1' }, { id: 'a2' }]));
    const run = await runCli(['metrics', file, '--source', 'pagerduty', '--now', NOW]);
    expect(run.stderr).toContain('entry 0 (a1)');
    expect(run.stderr).not.toContain('line 0');
  });

  it('exits 2 for a CSV that is not a known export and has no mapping', async () => {
    const file = join(dir, 'unknown.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const run = await runCli(['metrics', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--mapping');
  });

  it('exits 2 for JSON it cannot place', async () => {
    const file = join(dir, 'other.json');
    writeFileSync(file, '{"hello":"world"}');
    const run = await runCli(['metrics', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot tell what');
  });

  it('exits 2 for an unknown command and prints the commands', async () => {
    const run = await runCli(['metricz']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "metricz"');
    expect(run.stderr).toContain('report');
  });
});

describe('incidentkit --help', () => {
  for (const command of ['metrics', 'report', 'lint', 'postmortem', 'diagram']) {
    it(`prints the usage and options of ${command}`, async () => {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: incidentkit ${command}`));
      expect(run.stdout).toContain('--help');
    });
  }

  it('lists every command', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['metrics', 'report', 'lint', 'postmortem', 'diagram'])
      expect(run.stdout).toContain(`  ${command} `);
  });
});
