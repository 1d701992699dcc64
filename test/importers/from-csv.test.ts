import { describe, expect, it } from 'vitest';
import { type CsvMapping, createCsvRowImporter, fromCsv } from '../../src/importers/index.js';
import { errorOf } from '../errors.js';
import { byId, fixture, ms, warningOf } from './helpers.js';

const mapping: CsvMapping = {
  id: 'ticket',
  title: 'title',
  startedAt: 'impact_start',
  detectedAt: 'opened',
  acknowledgedAt: 'acked',
  mitigatedAt: 'mitigated',
  resolvedAt: 'closed',
  severity: 'sev',
  services: 'services',
  source: 'detected_by',
  drill: 'kind',
  status: 'state',
};
const result = fromCsv(fixture('generic.csv'), mapping, { delimiter: ';', timeZone: 'America/Chicago' });

async function* rowsOf(rows: Record<string, string>[]) {
  for (const row of rows) yield row;
}

describe('fromCsv', () => {
  it('reads wall-clock times in the stated zone, across the spring-forward gap', () => {
    expect(byId(result, 'OPS-1')).toEqual({
      id: 'OPS-1',
      externalId: 'OPS-1',
      title: 'Checkout errors',
      severity: 'SEV2',
      source: 'monitoring',
      drill: false,
      services: ['checkout', 'payments'],
      tags: [],
      phase: 'closed',
      milestones: {
        startedAt: ms('2026-03-08T01:50:00-06:00'),
        detectedAt: ms('2026-03-08T01:58:00-06:00'),
        // 02:05 does not exist in Chicago that night: it moves forward by the gap, to 03:05 CDT.
        acknowledgedAt: ms('2026-03-08T03:05:00-05:00'),
        mitigatedAt: ms('2026-03-08T03:10:00-05:00'),
        resolvedAt: ms('2026-03-08T03:40:00-05:00'),
      },
    });
  });

  it('keeps times that carry an offset as written, whatever the zone', () => {
    expect(byId(result, 'OPS-2').milestones).toEqual({ detectedAt: ms('2026-03-09T10:00:00Z') });
    expect(byId(result, 'OPS-2').source).toBe('customer');
  });

  it('skips the rows whose id or creation time cannot be read, by line, and imports the rest', () => {
    expect(result.skipped).toEqual([
      {
        row: 4,
        reason: 'opened (the creation time): "31/03/2026 10:00" is not an ISO-8601 date-time',
        id: 'OPS-3',
      },
      { row: 5, reason: 'ticket (the id) is missing' },
    ]);
    expect(result.incidents.map((i) => i.id)).toEqual(['OPS-1', 'OPS-2', 'OPS-5', 'OPS-6']);
  });

  it('reads drills, cancelled statuses and unknown detection sources (with a warning)', () => {
    expect(byId(result, 'OPS-5').drill).toBe(true);
    expect(byId(result, 'OPS-6').phase).toBe('cancelled');
    expect(byId(result, 'OPS-6').source).toBe('internal');
    expect(warningOf(result, 'source')).toMatchObject({ rows: [7], example: 'robots' });
  });

  it('without a time zone, skips rows whose creation time has no offset and leaves other such times out', () => {
    const plain = fromCsv(fixture('generic.csv'), mapping, { delimiter: ';' });
    expect(plain.incidents.map((i) => i.id)).toEqual(['OPS-2']);
    expect(plain.skipped.find((s) => s.id === 'OPS-1')?.reason).toMatch(/has no offset; pass timeZone/);
  });

  it('over an AsyncIterable of rows returns a Promise of the same result', async () => {
    const rows = [
      { id: 'A', created: '2026-11-24T09:00:00Z', resolved: '2026-11-24T10:00:00Z' },
      { id: '', created: '2026-11-24T09:00:00Z', resolved: '' },
    ];
    const pending = fromCsv(rowsOf(rows), { id: 'id', detectedAt: 'created', resolvedAt: 'resolved' });
    expect(pending).toBeInstanceOf(Promise);
    const streamed = await pending;
    expect(streamed.incidents[0]?.milestones).toEqual({
      detectedAt: ms('2026-11-24T09:00:00Z'),
      resolvedAt: ms('2026-11-24T10:00:00Z'),
    });
    expect(streamed.skipped).toEqual([{ row: 3, reason: 'id (the id) is missing' }]);
  });

  it('names the mapped column the header lacks, and rejects a mapping without detectedAt', () => {
    const missing = errorOf(() => fromCsv('a,b\n1,2\n', { detectedAt: 'created' }));
    expect(missing.issues[0]).toEqual({
      path: 'mapping.detectedAt',
      message: 'column "created" is not in the CSV header (its columns: a, b)',
    });
    expect(errorOf(() => fromCsv('a\n', { id: 'a' } as CsvMapping)).issues[0]?.path).toBe(
      'mapping.detectedAt',
    );
    expect(
      errorOf(() => fromCsv('a\n', { detectedAt: 'a', resolved: 'b' } as CsvMapping)).issues[0]?.path,
    ).toBe('mapping.resolved');
    expect(errorOf(() => createCsvRowImporter({ detectedAt: 'a' }).push({ b: '1' }, 2)).issues[0]?.path).toBe(
      'mapping.detectedAt',
    );
  });

  it('warns about a status it does not know, importing the incident as open', () => {
    const { incidents, warnings } = fromCsv(
      'id,created,state\nA,2026-11-24T09:00:00Z,on hold\nB,2026-11-24T09:00:00Z,open\n',
      {
        id: 'id',
        detectedAt: 'created',
        status: 'state',
      },
    );
    expect(incidents.map((i) => i.phase)).toEqual([undefined, undefined]);
    expect(warnings).toEqual([
      {
        field: 'phase',
        message: 'state is not a status this importer knows; imported as open',
        count: 1,
        rows: [2],
        example: 'on hold',
      },
      { field: 'title', message: 'no title; imported with an empty one', count: 2, rows: [2, 3] },
    ]);
  });

  it('gives each row the id line-<n> when the mapping names no id column', () => {
    const { incidents } = fromCsv('created\n2026-11-24T09:00:00Z\n2026-11-25T09:00:00Z\n', {
      detectedAt: 'created',
    });
    expect(incidents.map((i) => i.id)).toEqual(['line-2', 'line-3']);
  });
});
