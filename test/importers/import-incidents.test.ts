import { describe, expect, it } from 'vitest';
import {
  detectImportSource,
  fromIncidentIo,
  fromOpsgenie,
  fromPagerDuty,
  fromStatuspage,
  importIncidents,
} from '../../src/importers/index.js';
import { errorOf } from '../errors.js';
import { fixture } from './helpers.js';

const FIXTURES = [
  ['statuspage-incidents.json', 'statuspage'],
  ['pagerduty-incidents.json', 'pagerduty'],
  ['pagerduty-analytics.csv', 'pagerduty-analytics'],
  ['pagerduty-analytics-aliases.csv', 'pagerduty-analytics'],
  ['pagerduty-analytics.json', 'pagerduty-analytics'],
  ['incident-io-incidents.json', 'incident-io'],
  ['opsgenie-incidents.json', 'opsgenie'],
  ['generic.csv', 'csv'],
] as const;

describe('detectImportSource', () => {
  it.each(FIXTURES)('tells %s as %s from its text, parsed or not', (name, source) => {
    const text = fixture(name);
    expect(detectImportSource(text)).toBe(source);
    if (name.endsWith('.json')) expect(detectImportSource(JSON.parse(text))).toBe(source);
  });

  it('tells JSON exports from the first part of a file that does not parse', () => {
    for (const [name, source] of FIXTURES.filter(([n]) => n.endsWith('.json'))) {
      const head = fixture(name).slice(0, 1_200);
      expect(() => JSON.parse(head)).toThrow();
      expect([name, detectImportSource(head)]).toEqual([name, source]);
    }
  });

  it('tells empty lists by their envelope, and says undefined for anything else', () => {
    expect(detectImportSource({ incidents: [], limit: 25, offset: 0, more: false })).toBe('pagerduty');
    expect(detectImportSource({ incidents: [], pagination_meta: { page_size: 25 } })).toBe('incident-io');
    expect(detectImportSource({ data: [], took: 0.1, requestId: 'r' })).toBe('opsgenie');
    expect(detectImportSource({ page: { id: 'p' }, incidents: [] })).toBe('statuspage');
    // Text that is not JSON is a CSV (its header says which); only a broken JSON start says nothing.
    expect(detectImportSource('ticket,opened\n')).toBe('csv');
    for (const value of [null, 42, [], {}, { incidents: [1, 2] }, '', '   ', '[1,2']) {
      expect(detectImportSource(value)).toBeUndefined();
    }
  });
});

describe('importIncidents', () => {
  it('dispatches each fixture to the importer for its source', () => {
    expect(importIncidents(fixture('statuspage-incidents.json'))).toEqual(
      fromStatuspage(fixture('statuspage-incidents.json')),
    );
    expect(importIncidents(fixture('pagerduty-analytics.csv'))).toEqual(
      fromPagerDuty(fixture('pagerduty-analytics.csv')),
    );
    expect(importIncidents(JSON.parse(fixture('incident-io-incidents.json')))).toEqual(
      fromIncidentIo(fixture('incident-io-incidents.json')),
    );
    expect(importIncidents(fixture('opsgenie-incidents.json'), { severityMap: { P1: 'SEV2' } })).toEqual(
      fromOpsgenie(fixture('opsgenie-incidents.json'), { severityMap: { P1: 'SEV2' } }),
    );
  });

  it('passes the mapping, delimiter and time zone to a generic CSV', () => {
    const { incidents } = importIncidents(fixture('generic.csv'), {
      mapping: { id: 'ticket', detectedAt: 'opened' },
      delimiter: ';',
      timeZone: 'UTC',
    });
    expect(incidents.map((i) => i.id)).toEqual(['OPS-1', 'OPS-2', 'OPS-5', 'OPS-6']);
  });

  it('says what to pass when it cannot go on', () => {
    expect(errorOf(() => importIncidents({ things: [] })).reason).toMatch(/pass options.source/);
    expect(errorOf(() => importIncidents(fixture('generic.csv'))).issues[0]?.path).toBe('options.mapping');
    expect(errorOf(() => importIncidents('[]', { source: 'jira' as never })).issues[0]?.path).toBe(
      'options.source',
    );
    expect(
      errorOf(() => importIncidents(fixture('opsgenie-incidents.json'), { source: 'statuspage' })).code,
    ).toBe('INVALID_INPUT');
  });
});
