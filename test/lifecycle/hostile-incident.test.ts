import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  compareSeverity,
  declareIncident,
  defineSeverityPolicy,
  incidentInvariantViolations,
  parseIncident,
  replay,
} from '../../src/index.js';
import { errorOf } from '../errors.js';
import { T0 } from './helpers.js';

const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
const note = { type: 'NOTE', at: T0 + 1, text: 'x' } as const;

function sparse(length: number): unknown[] {
  const list: unknown[] = [];
  list.length = length;
  return list;
}

describe('an incident a caller hands back is checked like an event', () => {
  it.each([
    ['a null timeline entry', { ...incident, timeline: [null] }, 'incident.timeline[0]'],
    ['a null reopen', { ...incident, reopens: [null] }, 'incident.reopens[0]'],
    [
      'a milestone past the year 9999',
      { ...incident, milestones: { ...incident.milestones, detectedAt: 9e15 } },
      'incident.milestones.detectedAt',
    ],
    [
      'a NaN milestone',
      { ...incident, milestones: { ...incident.milestones, detectedAt: Number.NaN } },
      'incident.milestones.detectedAt',
    ],
    ['a sparse timeline of 2³²−1', { ...incident, timeline: sparse(2 ** 32 - 1) }, 'incident.timeline'],
    ['a sparse updates list of 2³²−1', { ...incident, updates: sparse(2 ** 32 - 1) }, 'incident.updates'],
  ])('refuses %s with INVALID_INPUT naming the field', (_name, hostile, path) => {
    const error = errorOf(() => applyEvent(hostile as never, note));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues[0]!.path).toBe(path);
  });

  it('refuses NaN milestones that would switch the order check off', () => {
    const hostile = {
      ...incident,
      phase: 'triage',
      milestones: { ...incident.milestones, acknowledgedAt: Number.NaN },
    };
    expect(errorOf(() => incidentInvariantViolations(hostile as never)).code).toBe('INVALID_INPUT');
    expect(
      errorOf(() => applyEvent(hostile as never, { type: 'TRIAGE', at: 0, severity: 'SEV4' })).code,
    ).toBe('INVALID_INPUT');
  });

  it('turns a throwing getter into one IncidentKitError with the thrown value as cause', () => {
    const hostile = {
      ...incident,
      get timeline(): never {
        throw new Error('boom');
      },
    };
    const error = errorOf(() => applyEvent(hostile as never, note));
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((error.cause as Error).message).toBe('boom');
  });

  it('takes incidents incidentkit returned, or a valid hand-made copy, as they are', () => {
    const copy = JSON.parse(JSON.stringify(incident));
    expect(applyEvent(copy, note).version).toBe(2);
    expect(applyEvent(parseIncident(JSON.stringify(incident)), note).version).toBe(2);
    expect(
      applyEvent(
        replay([{ type: 'DECLARE', id: 'd', incidentId: 'INC-1', title: 'x', at: T0, severity: 'SEV4' }]),
        note,
      ).version,
    ).toBe(2);
  });

  it('refuses null options instead of throwing a TypeError', () => {
    expect(errorOf(() => declareIncident({ title: 'x', at: T0 }, null as never)).issues[0]!.path).toBe(
      'options',
    );
    expect(errorOf(() => replay([{ type: 'DECLARE', title: 'x', at: T0 }], null as never)).code).toBe(
      'INVALID_INPUT',
    );
    expect(errorOf(() => applyEvent(incident, note, null as never)).code).toBe('INVALID_INPUT');
  });
});

describe('severity inputs are bounded and validated', () => {
  it('counts a condition DAG as written out and refuses one over the limit quickly', () => {
    let when: unknown = { field: 'degraded', eq: true };
    for (let i = 0; i < 14; i++) when = { any: [when, when, when, when] };
    const error = errorOf(() =>
      defineSeverityPolicy({ rules: [{ id: 'dag', severity: 'SEV1', when: when as never }] }),
    );
    expect(error.issues[0]).toMatchObject({ path: 'policy.rules[0] (dag).when' });
  });

  it('refuses a condition field that is not an own, known field name', () => {
    for (const field of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const error = errorOf(() =>
        defineSeverityPolicy({ rules: [{ id: 'c', severity: 'SEV1', when: { field, ne: 'x' } }] }),
      );
      expect(error.issues[0]!.path).toBe('policy.rules[0] (c).when.field');
    }
  });

  it('refuses a scale with a sparse alias list of 2³²−1 instead of aborting', () => {
    const aliases = sparse(2 ** 32 - 1) as string[];
    expect(
      errorOf(() => defineSeverityPolicy({ id: 'x', scale: [{ key: 'A', rank: 1, name: 'A', aliases }] }))
        .code,
    ).toBe('INVALID_INPUT');
    expect(
      errorOf(() =>
        compareSeverity('A', 'A', { scale: [{ key: 'A', rank: 1, name: 'A', description: '', aliases }] }),
      ).code,
    ).toBe('INVALID_INPUT');
  });

  it('validates the arguments of compareSeverity', () => {
    expect(errorOf(() => compareSeverity(1 as never, 2 as never)).issues[0]!.path).toBe('a');
    expect(compareSeverity('P0', 'SEV2')).toBe(-1);
  });
});
