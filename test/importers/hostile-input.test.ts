import { describe, expect, it } from 'vitest';
import {
  createCsvRowImporter,
  createPagerDutyRowImporter,
  fromCsv,
  fromIncidentIo,
  fromOpsgenie,
  fromPagerDuty,
  fromStatuspage,
  importIncidents,
} from '../../src/importers/index.js';
import { errorOf } from '../errors.js';

// Whatever a caller passes, the importers answer with an import result or one INVALID_INPUT:
// lengths are checked before anything is walked, input and options are read once (a getter or
// Proxy trap that throws becomes the error's cause), and junk text is refused without parsing it.

function sparse(length: number): unknown[] {
  const list: unknown[] = [];
  list.length = length;
  return list;
}

function throwingProxy(): object {
  const trap = () => {
    throw new Error('trap');
  };
  return new Proxy(
    {},
    { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap },
  );
}

const JSON_IMPORTERS = [
  ['fromStatuspage', fromStatuspage],
  ['fromOpsgenie', fromOpsgenie],
  ['fromIncidentIo', fromIncidentIo],
  ['fromPagerDuty', fromPagerDuty],
  ['importIncidents', importIncidents],
] as const;

describe('the importers refuse hostile input with INVALID_INPUT', () => {
  it.each(JSON_IMPORTERS)('%s refuses a sparse array of 2³²−1 before walking it', (_, run) => {
    for (const input of [
      sparse(2 ** 32 - 1),
      { incidents: sparse(2 ** 32 - 1) },
      { data: sparse(2 ** 32 - 1) },
    ]) {
      const error = errorOf(() => run(input));
      expect(error.code).toBe('INVALID_INPUT');
    }
  });

  it.each(JSON_IMPORTERS)(
    '%s turns a throwing Proxy (as input or options) into INVALID_INPUT with the cause',
    (_, run) => {
      const input = errorOf(() => run(throwingProxy()));
      expect(input.code).toBe('INVALID_INPUT');
      expect((input.cause as Error).message).toBe('trap');
      const options = errorOf(() => run({ incidents: [] }, throwingProxy() as never));
      expect(options.issues[0]?.path).toBe('options');
      expect((options.cause as Error).message).toBe('trap');
    },
  );

  it('reads each getter of the input once, so what is checked is what is imported', () => {
    let reads = 0;
    const entry = {
      id: 'a1',
      tinyId: '1',
      message: 'Payments down',
      get createdAt() {
        reads++;
        return reads === 1 ? '2026-11-24T09:00:00Z' : 42;
      },
    };
    const { incidents } = fromOpsgenie({ data: [entry] });
    expect(reads).toBe(1);
    expect(incidents[0]?.milestones.detectedAt).toBe(Date.parse('2026-11-24T09:00:00Z'));
  });

  it('importIncidents reads a throwing getter of its options once, as INVALID_INPUT', () => {
    const options = Object.defineProperty({}, 'source', {
      enumerable: true,
      get() {
        throw new Error('getter source threw');
      },
    });
    const error = errorOf(() => importIncidents('{}', options));
    expect(error.code).toBe('INVALID_INPUT');
    expect((error.cause as Error).message).toBe('getter source threw');
  });

  it('createPagerDutyRowImporter refuses a throwing Proxy, and a severityMap or severityKeys that throws', () => {
    expect(errorOf(() => createPagerDutyRowImporter(throwingProxy() as never)).code).toBe('INVALID_INPUT');
    expect(
      errorOf(() => createPagerDutyRowImporter({ severityMap: throwingProxy() as never })).issues[0]?.path,
    ).toBe('options.severityMap');
    expect(
      errorOf(() => createPagerDutyRowImporter({ severityKeys: sparse(2 ** 32 - 1) as never })).code,
    ).toBe('INVALID_INPUT');
  });

  it('createCsvRowImporter checks the length of options.header before walking it', () => {
    const mapping = { detectedAt: 'created' };
    expect(errorOf(() => createCsvRowImporter(mapping, { header: sparse(2 ** 32 - 1) as never })).code).toBe(
      'INVALID_INPUT',
    );
    expect(
      errorOf(() => createCsvRowImporter(mapping, { header: new Array(20_000).fill('created') })).issues[0]
        ?.path,
    ).toBe('options.header');
    expect(errorOf(() => createCsvRowImporter(throwingProxy() as never)).issues[0]?.path).toBe('mapping');
  });

  it('refuses a column name of megabytes in a mapping', () => {
    expect(errorOf(() => fromCsv('created\n', { detectedAt: 'a'.repeat(1_000_000) })).issues[0]?.path).toBe(
      'mapping.detectedAt',
    );
  });
});

describe('junk text is answered without parsing it whole', () => {
  const tenMb = 10 * 1024 * 1024;

  it('refuses text whose first line is longer than any header', () => {
    for (const run of [
      () => fromCsv('a'.repeat(tenMb), { detectedAt: 'created' }),
      () => fromPagerDuty('a'.repeat(tenMb)),
      () => fromCsv(`{{${' '.repeat(tenMb)}`, { detectedAt: 'created' }),
    ])
      expect(errorOf(run).reason).toMatch(/first line is longer than 65536 characters/);
  });

  it('refuses a header without the mapped columns (or a PagerDuty id and creation time) before the rows', () => {
    const whitespace = ' \n\t'.repeat(tenMb / 3);
    expect(errorOf(() => fromCsv(whitespace, { detectedAt: 'created' })).issues[0]?.path).toBe(
      'mapping.detectedAt',
    );
    expect(errorOf(() => fromPagerDuty(whitespace)).reason).toMatch(/its header has no id column/);
    expect(errorOf(() => fromPagerDuty('id,title\nQ1,x\n')).reason).toMatch(
      /its header has no creation time column/,
    );
  });

  it('still reads a PagerDuty CSV whose header is quoted', () => {
    const { incidents } = fromPagerDuty('"id","created_at"\nQ1,2026-11-24T09:00:00Z\n');
    expect(incidents.map((i) => i.id)).toEqual(['Q1']);
  });
});

describe('rows handed to a row importer are read once, and a row that throws is skipped', () => {
  it('skips a row whose getter throws, and imports the next one', () => {
    const importer = createPagerDutyRowImporter();
    const bad = Object.defineProperty({ id: 'Q1' }, 'created_at', {
      enumerable: true,
      get() {
        throw new Error('getter threw');
      },
    });
    expect(importer.push(bad as never, 2)).toBeUndefined();
    expect(importer.push(throwingProxy() as never, 3)).toBeUndefined();
    expect(importer.push({ id: 'Q2', created_at: '2026-11-24T09:00:00Z' }, 4)?.id).toBe('Q2');
    const summary = importer.result();
    expect(summary.skipped.map((s) => [s.row, s.reason])).toEqual([
      [2, 'the row could not be read (a getter or Proxy trap threw)'],
      [3, 'the row could not be read (a getter or Proxy trap threw)'],
    ]);
    expect(summary.imported).toBe(1);
  });

  it('reads each mapped cell of a CSV row once', () => {
    let reads = 0;
    const row = {
      id: 'OPS-1',
      get opened() {
        reads++;
        return reads === 1 ? '2026-11-24T09:00:00Z' : 'not a time';
      },
    };
    const importer = createCsvRowImporter({ id: 'id', detectedAt: 'opened', startedAt: 'opened' });
    expect(importer.push(row as never, 2)?.milestones).toEqual({
      startedAt: Date.parse('2026-11-24T09:00:00Z'),
      detectedAt: Date.parse('2026-11-24T09:00:00Z'),
    });
    expect(reads).toBe(1);
  });

  it('fromCsv over a stream refuses an object whose async iterator getter throws', () => {
    const rows = Object.defineProperty({}, Symbol.asyncIterator, {
      get() {
        throw new Error('iterator getter threw');
      },
    });
    expect(errorOf(() => fromCsv(rows as never, { detectedAt: 'created' })).code).toBe('INVALID_INPUT');
  });
});
