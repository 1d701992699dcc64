import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPagerDutyRowImporter,
  detectImportSource,
  fromCsv,
  fromIncidentIo,
  fromOpsgenie,
  fromPagerDuty,
  fromStatuspage,
  type ImportedIncident,
  type ImportResult,
  importIncidents,
} from '../../src/importers/index.js';
import { isIncidentKitError } from '../../src/model/errors.js';
import {
  hostileExportArb,
  importerRuns,
  instantArb,
  secondsCellArb,
  type TimeCell,
  timeCellArb,
} from './arbitraries.js';

const runs = { numRuns: importerRuns, size: 'max' as const };

/** The instant a cell holds, or `undefined` when it holds none. */
const instantOf = (cell: TimeCell) => (cell.kind === 'time' ? cell.instant : undefined);

function noNullOrUndefinedValues(value: unknown, path = 'result'): void {
  if (value === null || value === undefined) throw new Error(`${path} is ${value}`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${path} is ${value}`);
  if (typeof value === 'object')
    for (const [k, v] of Object.entries(value)) noNullOrUndefinedValues(v, `${path}.${k}`);
}

function checkShape(result: ImportResult, rows: number): void {
  expect(result.incidents.length + result.skipped.length).toBe(rows);
  for (const incident of result.incidents) {
    noNullOrUndefinedValues(incident);
    for (const at of Object.values(incident.milestones))
      expect(Number.isInteger(at) && (at ?? -1) >= 0).toBe(true);
  }
  for (const warning of result.warnings) {
    expect(warning.rows.length).toBeLessThanOrEqual(10);
    expect(warning.rows.length).toBeLessThanOrEqual(warning.count);
  }
}

const analyticsRowArb = fc.record({
  id: fc.oneof(fc.constant(''), fc.stringMatching(/^P[A-Z0-9]{6}$/)),
  created: timeCellArb,
  acknowledged: timeCellArb,
  secondsToAck: secondsCellArb,
  resolved: timeCellArb,
  secondsToResolve: secondsCellArb,
  priority: fc.constantFrom('', 'P1', 'P2', 'P5', 'High', 'whatever'),
});
type AnalyticsRow = typeof analyticsRowArb extends fc.Arbitrary<infer T> ? T : never;

function toCells(row: AnalyticsRow): Record<string, string> {
  const cells: Record<string, string> = { id: row.id, priority_name: row.priority };
  const put = (key: string, text: string | null | undefined) => {
    if (typeof text === 'string') cells[key] = text;
  };
  put('created_at', row.created.text);
  put('acknowledged_at', row.acknowledged.text);
  put('seconds_to_first_ack', row.secondsToAck.text);
  put('resolved_at', row.resolved.text);
  put('seconds_to_resolve', row.secondsToResolve.text);
  return cells;
}

/** What the importer must make of a row: the milestones only its cells give, or a skip. */
function expectedMilestones(row: AnalyticsRow): Record<string, number> | undefined {
  const created = instantOf(row.created);
  if (row.id === '' || created === undefined) return undefined;
  const m: Record<string, number> = { detectedAt: created };
  const ack = instantOf(row.acknowledged);
  // An unreadable acknowledged_at is as good as none: seconds_to_first_ack then gives the time.
  if (ack !== undefined) m.acknowledgedAt = ack;
  else if (row.secondsToAck.kind === 'seconds') m.acknowledgedAt = created + row.secondsToAck.seconds * 1000;
  const resolved = instantOf(row.resolved);
  if (resolved !== undefined) m.resolvedAt = resolved;
  else if (row.secondsToResolve.kind === 'seconds')
    m.resolvedAt = created + row.secondsToResolve.seconds * 1000;
  return m;
}

describe('importer properties', () => {
  it('PagerDuty rows: every milestone comes from a cell the row has, and a given time is never rebuilt from a duration', () => {
    fc.assert(
      fc.property(fc.array(analyticsRowArb, { maxLength: 40 }), (rows) => {
        const importer = createPagerDutyRowImporter();
        rows.forEach((row, k) => {
          const incident = importer.push(toCells(row), k + 2);
          const expected = expectedMilestones(row);
          if (expected === undefined) expect(incident).toBeUndefined();
          else expect(incident?.milestones).toEqual(expected);
        });
        const summary = importer.result();
        expect(summary.imported + summary.skippedCount).toBe(rows.length);
        for (const warning of summary.warnings)
          expect(warning.rows.length).toBeLessThanOrEqual(Math.min(10, warning.count));
      }),
      runs,
    );
  });

  it('generic CSV text: a milestone is present exactly when its mapped cell holds a time, at that instant', () => {
    const targets = ['startedAt', 'acknowledgedAt', 'mitigatedAt', 'resolvedAt', 'closedAt'] as const;
    const quote = (text: string) =>
      /[",\n\r]/.test(text) || text.trim() !== text ? `"${text.replaceAll('"', '""')}"` : text;
    fc.assert(
      fc.property(
        fc.subarray([...targets], { minLength: 0 }),
        fc.array(
          fc.record({
            id: fc.constantFrom('', 'A-1', 'B,2', 'C "3"', 'line\nbreak'),
            created: timeCellArb,
            times: fc.array(timeCellArb, { minLength: 5, maxLength: 5 }),
          }),
          { maxLength: 30 },
        ),
        (mapped, rows) => {
          const header = ['key', 'created', ...targets.map((t) => `col_${t}`)];
          const lines = [header.join(',')];
          const lineOf: number[] = [];
          let line = 2;
          for (const row of rows) {
            const cells = [row.id, row.created.text ?? '', ...row.times.map((t) => t.text ?? '')];
            lineOf.push(line);
            line += 1 + (row.id.match(/\n/g)?.length ?? 0);
            lines.push(cells.map(quote).join(','));
          }
          const mapping = {
            id: 'key',
            detectedAt: 'created',
            ...Object.fromEntries(mapped.map((t) => [t, `col_${t}`])),
          };
          const result = fromCsv(`${lines.join('\n')}\n`, mapping);
          checkShape(result, rows.length);
          const byLine = new Map(result.skipped.map((s) => [s.row, s]));
          let next = 0;
          rows.forEach((row, k) => {
            const created = instantOf(row.created);
            if (row.id === '' || created === undefined) {
              expect(byLine.has(lineOf[k]!)).toBe(true);
              return;
            }
            const incident = result.incidents[next++] as ImportedIncident;
            expect(incident.id).toBe(row.id);
            const expected: Record<string, number> = { detectedAt: created };
            targets.forEach((t, c) => {
              const at = instantOf(row.times[c]!);
              if (mapped.includes(t) && at !== undefined) expected[t] = at;
            });
            expect(incident.milestones).toEqual(expected);
          });
        },
      ),
      runs,
    );
  });

  it('incident.io and Opsgenie: a milestone only ever comes from a timestamp the entry carries', () => {
    const names = [
      'Impact started',
      'Reported at',
      'Accepted at',
      'Fixed at',
      'Resolved at',
      'Closed at',
      'Declined at',
      'Other',
    ];
    const target: Record<string, string> = {
      'Impact started': 'startedAt',
      'Reported at': 'detectedAt',
      'Accepted at': 'acknowledgedAt',
      'Fixed at': 'mitigatedAt',
      'Resolved at': 'resolvedAt',
      'Closed at': 'closedAt',
      'Declined at': 'cancelledAt',
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            created: timeCellArb,
            mode: fc.constantFrom('standard', 'retrospective', 'test'),
            stamps: fc.uniqueArray(
              fc.record({ name: fc.constantFrom(...names), value: timeCellArb, shape: fc.nat(2) }),
              { selector: (s) => s.name, maxLength: 8 },
            ),
          }),
          { maxLength: 20 },
        ),
        (entries) => {
          const json = {
            incidents: entries.map((e, k) => ({
              id: `inc-${k}`,
              created_at: e.created.text,
              mode: e.mode,
              incident_timestamp_values: e.stamps.map((s) => ({
                incident_timestamp: { name: s.name },
                ...(s.value.text === undefined
                  ? {}
                  : { value: s.shape === 0 && s.value.text === null ? null : { value: s.value.text } }),
              })),
            })),
          };
          const result = fromIncidentIo(json);
          checkShape(result, entries.length);
          for (const incident of result.incidents) {
            const entry = entries[Number(incident.id.slice(4))]!;
            const given = new Map(
              entry.stamps
                .filter((s) => s.value.kind === 'time')
                .map((s) => [target[s.name], instantOf(s.value)]),
            );
            for (const [name, at] of Object.entries(incident.milestones)) {
              if (name === 'detectedAt') {
                const candidates = [
                  given.get('detectedAt'),
                  given.get('startedAt'),
                  instantOf(entry.created),
                ];
                expect(candidates).toContain(at);
              } else expect(given.get(name)).toBe(at);
            }
            if (entry.mode === 'retrospective') {
              expect(incident.milestones.startedAt).toBeUndefined();
              expect(incident.milestones.acknowledgedAt).toBeUndefined();
            }
          }
          const opsgenie = fromOpsgenie({
            data: entries.map((e, k) => ({
              id: `o-${k}`,
              createdAt: e.created.text,
              impactStartDate: e.stamps[0]?.value.text,
              impactEndDate: e.stamps[1]?.value.text,
              updatedAt: '2030-01-01T00:00:00Z',
            })),
          });
          checkShape(opsgenie, entries.length);
          for (const incident of opsgenie.incidents) {
            const entry = entries[Number(incident.id.slice(2))]!;
            expect(incident.milestones).toEqual({
              ...(entry.stamps[0] &&
                instantOf(entry.stamps[0].value) !== undefined && {
                  startedAt: instantOf(entry.stamps[0].value),
                }),
              detectedAt: instantOf(entry.created),
              ...(entry.stamps[1] &&
                instantOf(entry.stamps[1].value) !== undefined && {
                  resolvedAt: instantOf(entry.stamps[1].value),
                }),
            });
          }
        },
      ),
      runs,
    );
  });

  it('the same instant written at any offset imports as the same milestone', () => {
    fc.assert(
      fc.property(
        instantArb,
        fc.array(fc.tuple(fc.integer({ min: -48, max: 56 }), fc.nat(3)), { minLength: 1, maxLength: 6 }),
        (t, spellings) => {
          const rows = spellings.map(([q, style], k) => {
            const off = q * 15;
            const local = new Date(t + off * 60_000).toISOString().slice(0, 19);
            const sign = off < 0 ? '-' : '+';
            const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
            const mm = String(Math.abs(off) % 60).padStart(2, '0');
            const text =
              style % 2 === 0 ? `${local}${sign}${hh}:${mm}` : `${local.replace('T', ' ')} ${sign}${hh}${mm}`;
            return `I${k},${text}`;
          });
          const { incidents } = fromCsv(`id,created\n${rows.join('\n')}\n`, {
            id: 'id',
            detectedAt: 'created',
          });
          expect(incidents.map((i) => i.milestones.detectedAt)).toEqual(spellings.map(() => t - (t % 1000)));
        },
      ),
      runs,
    );
  });

  it('a wall-clock time read in a time zone shows the same wall clock in that zone', () => {
    const zones = [
      'America/Chicago',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'America/St_Johns',
      'UTC',
    ];
    fc.assert(
      fc.property(instantArb, fc.constantFrom(...zones), (t, zone) => {
        const wall = (at: number) =>
          new Intl.DateTimeFormat('sv-SE', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            hourCycle: 'h23',
          })
            .format(new Date(at))
            .replace(',', '');
        const text = wall(t);
        const { incidents } = fromCsv(
          `id,created\nI,${text}\n`,
          { id: 'id', detectedAt: 'created' },
          { timeZone: zone },
        );
        const read = incidents[0]!.milestones.detectedAt;
        expect(wall(read)).toBe(text);
        // A wall time that occurs twice (clocks going back) reads as the earlier instant.
        expect(read).toBeLessThanOrEqual(t - (t % 1000));
      }),
      runs,
    );
  });

  it('reads any CSV-like text without throwing anything but IncidentKitError, accounting for every row', () => {
    const pieces = [
      'a',
      ',',
      ',',
      '"',
      '""',
      '\n',
      '\r\n',
      ';',
      ' ',
      'id',
      'created_at',
      'resolved_at',
      'seconds_to_first_ack',
      '2026-11-24T09:00:00Z',
      '120',
      '\uFEFF',
      'P1',
      '__proto__',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        for (const run of [
          () => fromPagerDuty(text),
          () => fromCsv(text, { id: 'id', detectedAt: 'created_at' }),
          () => importIncidents(text, { mapping: { detectedAt: 'created_at' } }),
          () => detectImportSource(text),
        ]) {
          try {
            const out = run();
            if (out && typeof out === 'object') {
              const { incidents, skipped } = out as ImportResult;
              checkShape(out as ImportResult, incidents.length + skipped.length);
            }
          } catch (error) {
            if (!isIncidentKitError(error)) throw error;
          }
        }
      }),
      runs,
    );
  });

  it('never throws anything but IncidentKitError on arbitrary JSON, and pollutes no prototype', () => {
    const keys = [
      'id',
      'name',
      'title',
      'status',
      'created_at',
      'createdAt',
      'started_at',
      'resolved_at',
      'impact',
      'incident_updates',
      'components',
      'scheduled_for',
      'acknowledgements',
      'log_entries',
      'priority',
      'service',
      'teams',
      'urgency',
      'first_trigger_log_entry',
      'seconds_to_first_ack',
      'service_name',
      'severity',
      'mode',
      'incident_status',
      'incident_timestamp_values',
      'custom_field_entries',
      'reference',
      'tinyId',
      'message',
      'impactStartDate',
      'impactEndDate',
      'impactedServices',
      'tags',
      'description',
    ];
    const entryPoints: [string, (input: unknown, options: unknown) => unknown][] = [
      ['fromStatuspage', (i, o) => fromStatuspage(i, o as never)],
      ['fromPagerDuty', (i, o) => fromPagerDuty(i, o as never)],
      ['fromIncidentIo', (i, o) => fromIncidentIo(i, o as never)],
      ['fromOpsgenie', (i, o) => fromOpsgenie(i, o as never)],
      ['importIncidents', (i, o) => importIncidents(i, o as never)],
      [
        'fromCsv',
        (i, o) =>
          fromCsv(
            typeof i === 'string' ? i : (JSON.stringify(i) ?? ''),
            (o ?? { detectedAt: 'created' }) as never,
          ),
      ],
      ['createPagerDutyRowImporter', (i, o) => createPagerDutyRowImporter(o as never).push(i as never, 2)],
    ];
    const optionsArb = fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.jsonValue() },
      {
        weight: 1,
        arbitrary: fc.record(
          {
            severityMap: fc.jsonValue(),
            timeZone: fc.oneof(fc.string(), fc.constant('America/Chicago')),
            severityKeys: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
      },
    );
    fc.assert(
      fc.property(hostileExportArb(keys), optionsArb, (input, options) => {
        for (const [name, run] of entryPoints) {
          for (const form of [input, JSON.stringify(input) ?? '']) {
            try {
              const out = run(form, options);
              if (out && typeof out === 'object' && 'incidents' in out)
                checkShape(
                  out as ImportResult,
                  (out as ImportResult).incidents.length + (out as ImportResult).skipped.length,
                );
            } catch (error) {
              if (!isIncidentKitError(error)) throw new Error(`${name} threw ${String(error)}`);
            }
          }
        }
        expect(detectImportSource(input)).toSatisfy((s) => s === undefined || typeof s === 'string');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      // Large JSON documents through seven entry points in two forms: half the runs keep the suite quick.
      { ...runs, numRuns: Math.ceil(importerRuns / 2) },
    );
  });
});
