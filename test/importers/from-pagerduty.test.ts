import { describe, expect, it } from 'vitest';
import { createPagerDutyRowImporter, detectImportSource, fromPagerDuty } from '../../src/importers/index.js';
import { errorOf } from '../errors.js';
import { byId, fixture, ms, warningOf } from './helpers.js';

describe('fromPagerDuty: REST incidents list', () => {
  const result = fromPagerDuty(JSON.parse(fixture('pagerduty-incidents.json')));

  it('maps a resolved incident, taking the acknowledgement from log entries once acknowledgements are emptied', () => {
    expect(byId(result, 'PT4KHLK')).toEqual({
      id: 'PT4KHLK',
      externalId: '1234',
      title: 'The checkout service is returning 500s',
      severity: 'SEV2',
      source: 'monitoring',
      drill: false,
      services: ['Checkout API'],
      tags: ['team:Payments', 'urgency:high'],
      category: 'checkout-5xx',
      phase: 'closed',
      milestones: {
        detectedAt: ms('2026-11-24T09:00:00Z'),
        acknowledgedAt: ms('2026-11-24T09:04:00Z'),
        resolvedAt: ms('2026-11-24T10:10:00Z'),
      },
    });
  });

  it('leaves acknowledgedAt out (with a warning) when nothing in the export gives it', () => {
    const incident = byId(result, 'Q1R2S3T');
    expect(incident.milestones.acknowledgedAt).toBeUndefined();
    expect(incident.milestones.resolvedAt).toBe(ms('2026-11-24T12:30:00Z'));
    expect(warningOf(result, 'acknowledgedAt')).toMatchObject({ count: 1, rows: [1] });
  });

  it('takes the earliest acknowledgement, a manual trigger as internal, a null priority as no severity', () => {
    const acked = byId(result, 'Q9ACKED');
    expect(acked.milestones.acknowledgedAt).toBe(ms('2026-11-25T07:05:00Z'));
    expect(acked.source).toBe('internal');
    expect(acked.severity).toBe('SEV1');
    expect(byId(result, 'Q1R2S3T').severity).toBeUndefined();
    expect(warningOf(result, 'severity', 'no priority')).toMatchObject({ rows: [1] });
  });

  it('does not warn about a missing acknowledgement on a triggered incident', () => {
    expect(byId(result, 'QTRIGGERED').milestones).toEqual({ detectedAt: ms('2026-11-25T10:00:00Z') });
    expect(warningOf(result, 'acknowledgedAt')?.rows).not.toContain(3);
  });

  it('skips only the entries whose id or creation time cannot be read', () => {
    expect(result.skipped).toEqual([
      { row: 4, reason: 'id is missing' },
      { row: 5, reason: 'created_at: "yesterday" is not an ISO-8601 date-time', id: 'QNOCREATED' },
    ]);
  });

  it('reads the same list from JSON text, and from a bare array', () => {
    const text = fixture('pagerduty-incidents.json');
    expect(fromPagerDuty(text)).toEqual(result);
    expect(fromPagerDuty(JSON.parse(text).incidents).incidents).toEqual(result.incidents);
  });
});

describe('fromPagerDuty: analytics raw incidents', () => {
  const csv = fromPagerDuty(fixture('pagerduty-analytics.csv'));

  it('rebuilds acknowledgedAt from created_at + seconds_to_first_ack, and keeps resolved_at as given', () => {
    expect(byId(csv, 'PABC001')).toEqual({
      id: 'PABC001',
      externalId: '4001',
      title: 'Checkout 500s',
      severity: 'SEV1',
      source: 'internal',
      drill: false,
      services: ['Checkout API'],
      tags: ['team:Payments', 'urgency:high', 'major'],
      phase: 'closed',
      milestones: {
        detectedAt: ms('2026-11-02T09:00:00Z'),
        acknowledgedAt: ms('2026-11-02T09:02:00Z'),
        resolvedAt: ms('2026-11-02T10:00:00Z'),
      },
    });
  });

  it('never rebuilds a time from a duration when the time is given', () => {
    // seconds_to_resolve says 5400 s; resolved_at says 15:30 -06:00: the time wins.
    expect(byId(csv, 'PABC002').milestones.resolvedAt).toBe(ms('2026-11-03T21:30:00Z'));
    expect(byId(csv, 'PABC002').milestones.acknowledgedAt).toBeUndefined();
    // Without resolved_at, seconds_to_resolve gives it.
    expect(byId(csv, 'PABC007').milestones.resolvedAt).toBe(ms('2026-11-07T08:15:00Z'));
  });

  it('skips a bad row in the middle with its line number and reason, and imports the rest', () => {
    expect(csv.skipped).toEqual([
      { row: 5, reason: 'unreadable CSV: Invalid Record Length: expect 16, got 4 on line 5' },
      { row: 6, reason: 'created_at: "not a date" is not an ISO-8601 date-time', id: 'PABC005' },
    ]);
    expect(csv.incidents.map((i) => i.id)).toEqual([
      'PABC001',
      'PABC002',
      'PABC003',
      '4006',
      'PABC007',
      'PABC008',
    ]);
  });

  it('numbers rows by the line they start on, past a quoted field spanning two lines', () => {
    expect(byId(csv, '4006').title).toBe('Row without an id column value\nbut a description on two lines');
    expect(warningOf(csv, 'severity', 'no priority')?.rows).toEqual([9]);
    expect(warningOf(csv, 'severity', 'severityMap')).toMatchObject({ rows: [10], example: 'Sev-Urgent' });
  });

  it('maps a custom priority name through options.severityMap', () => {
    const mapped = fromPagerDuty(fixture('pagerduty-analytics.csv'), {
      severityMap: { 'sev-urgent': 'SEV1' },
    });
    expect(byId(mapped, 'PABC008').severity).toBe('SEV1');
    expect(warningOf(mapped, 'severity', 'severityMap')).toBeUndefined();
  });

  it('accepts common header aliases, and reads offset-less times only with a time zone', () => {
    const aliases = fromPagerDuty(fixture('pagerduty-analytics-aliases.csv'));
    expect(byId(aliases, 'PALIAS1').milestones).toEqual({
      detectedAt: ms('2026-11-10T09:00:00Z'),
      acknowledgedAt: ms('2026-11-10T09:01:30Z'),
      resolvedAt: ms('2026-11-10T09:45:00Z'),
    });
    expect(aliases.skipped[0]).toMatchObject({ row: 3, id: 'PALIAS2' });
    expect(aliases.skipped[0]?.reason).toMatch(/no offset; pass timeZone/);
    const zoned = fromPagerDuty(fixture('pagerduty-analytics-aliases.csv'), { timeZone: 'America/New_York' });
    expect(byId(zoned, 'PALIAS2').milestones.detectedAt).toBe(ms('2026-11-10T15:00:00Z'));
  });

  it('reads the analytics JSON shape ({ data: [...] }) like the CSV', () => {
    const json = fromPagerDuty(fixture('pagerduty-analytics.json'));
    expect(byId(json, 'PJSON01').milestones.acknowledgedAt).toBe(ms('2026-11-12T09:03:00Z'));
    expect(byId(json, 'PJSON01').tags).toContain('major');
    expect(byId(json, 'PJSON02').milestones).toEqual({
      detectedAt: ms('2026-11-12T11:00:00Z'),
      resolvedAt: ms('2026-11-12T11:02:00Z'),
    });
  });
});

describe('fromPagerDuty: spreadsheet exports', () => {
  it('reads a CSV saved with a byte-order mark and CRLF line ends', () => {
    const text = `\uFEFF${fixture('pagerduty-analytics.csv').replaceAll('\n', '\r\n')}`;
    const plain = fromPagerDuty(fixture('pagerduty-analytics.csv'));
    expect(detectImportSource(text)).toBe('pagerduty-analytics');
    expect(fromPagerDuty(text).incidents.map((i) => [i.id, i.milestones])).toEqual(
      plain.incidents.map((i) => [i.id, i.milestones]),
    );
    expect(fromPagerDuty(text).skipped.map((s) => s.row)).toEqual([5, 6]);
  });
});

describe('createPagerDutyRowImporter', () => {
  it('imports streamed rows as fromPagerDuty does, keeping only maxSkipped skipped rows', () => {
    const importer = createPagerDutyRowImporter({ maxSkipped: 1 });
    const header = ['id', 'description', 'created_at', 'seconds_to_first_ack', 'priority_name'];
    const rows = [
      ['Q1', 'Disk full', '2026-11-24T09:00:00Z', '60', 'P2'],
      ['', 'no id', '2026-11-24T09:00:00Z', '', ''],
      ['Q3', 'bad time', 'soon', '', ''],
    ];
    const out = rows.map((cells, k) =>
      importer.push(Object.fromEntries(header.map((h, c) => [h, cells[c]!])), k + 2),
    );
    expect(out[0]?.milestones.acknowledgedAt).toBe(ms('2026-11-24T09:01:00Z'));
    expect(out.slice(1)).toEqual([undefined, undefined]);
    importer.skip(5, 'unreadable CSV: Quote Not Closed');
    const summary = importer.result();
    expect(summary).toMatchObject({ rows: 4, imported: 1, skippedCount: 3 });
    expect(summary.skipped).toEqual([{ row: 3, reason: 'id is missing' }]);
  });

  it('counts a warning once per field however many rows have it, keeping the first 10 rows', () => {
    const importer = createPagerDutyRowImporter();
    for (let k = 0; k < 25_000; k++)
      importer.push({ id: `P${k}`, created_at: '2026-11-24T09:00:00Z' }, k + 2);
    const { warnings, imported } = importer.result();
    expect(imported).toBe(25_000);
    const severity = warningOf({ warnings }, 'severity');
    expect(severity).toMatchObject({ count: 25_000, rows: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11] });
    expect(warnings.length).toBeLessThanOrEqual(5);
  });
});

describe('fromPagerDuty: bad input', () => {
  it('rejects a JSON document of another shape', () => {
    expect(errorOf(() => fromPagerDuty({ services: [] })).reason).toMatch(/PagerDuty incidents list/);
    expect(errorOf(() => fromPagerDuty(42)).code).toBe('INVALID_INPUT');
  });
});
