import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  IncidentKitError,
  invalidInput,
  isIncidentKitError,
  parseIncident,
  unreachable,
  withErrorContext,
} from '../../src/index.js';

describe('IncidentKitError', () => {
  it('carries a stable code, the issues, and a message that does not repeat the code', () => {
    const error = new IncidentKitError('INVALID_INPUT', 'event.at: no offset', {
      issues: [{ path: 'event.at', message: 'no offset' }],
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IncidentKitError');
    expect(error.message).toBe('event.at: no offset');
    expect(error.reason).toBe('event.at: no offset');
    expect(`${error.code}: ${error.message}`).toBe('INVALID_INPUT: event.at: no offset');
    expect(error.issues).toEqual([{ path: 'event.at', message: 'no offset' }]);
    expect(ERROR_CODES).toContain(error.code);
  });

  it('carries details per code, serialises stably, and narrows by code', () => {
    const error: unknown = new IncidentKitError('CONCURRENCY_CONFLICT', 'INC-1 is at version 4, not 3', {
      incidentId: 'INC-1',
      expectedVersion: 3,
      actualVersion: 4,
    });
    expect(isIncidentKitError(error, 'NOT_FOUND')).toBe(false);
    if (!isIncidentKitError(error, 'CONCURRENCY_CONFLICT')) throw new TypeError('expected a conflict');
    expect(error.details.actualVersion).toBe(4);
    expect(error.incidentId).toBe('INC-1');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'IncidentKitError',
      code: 'CONCURRENCY_CONFLICT',
      reason: 'INC-1 is at version 4, not 3',
      issues: [],
      details: { incidentId: 'INC-1', expectedVersion: 3, actualVersion: 4 },
    });
  });

  it('places an error in its caller context once: prefix, re-rooted paths, the original as cause', () => {
    const inner = invalidInput('event.at', 'has no offset');
    const placed = withErrorContext(
      withErrorContext(inner, { incidentId: 'INC-1', phase: 'triage', eventType: 'NOTE' }),
      { at: 'events[3]' },
    );
    expect(placed.message).toBe('events[3]: cannot NOTE INC-1 (phase triage): event.at: has no offset');
    expect(placed.issues).toEqual([{ path: 'events[3].at', message: 'has no offset' }]);
    expect(placed.details).toMatchObject({ incidentId: 'INC-1', phase: 'triage', eventType: 'NOTE' });
    expect(placed.message).not.toMatch(/INVALID_INPUT/);
    expect((placed.cause as IncidentKitError).cause).toBe(inner);
  });

  it('gives INVALID_INPUT at least one issue, and INTERNAL for unreachable branches', () => {
    expect(new IncidentKitError('INVALID_INPUT', 'bad').issues).toEqual([{ path: '', message: 'bad' }]);
    expect(() => unreachable('x' as never)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('never throws from its helpers, whatever they are given', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        getPrototypeOf() {
          throw new Error('boom');
        },
      },
    );
    expect(isIncidentKitError(hostile)).toBe(false);
    expect(invalidInput(Symbol('x') as unknown as string, Object.create(null)).code).toBe('INVALID_INPUT');
    expect(new IncidentKitError('NOT_FOUND', 'x', hostile as never).code).toBe('NOT_FOUND');
  });

  it('is recognised across two copies of the package (where instanceof fails)', () => {
    // Another copy of the module defines its own class but brands instances with the same registered symbol.
    class OtherCopyError extends Error {
      constructor() {
        super('NOT_FOUND: x');
        Object.defineProperty(this, Symbol.for('incidentkit.IncidentKitError'), { value: true });
      }
    }
    const foreign = new OtherCopyError();
    expect(foreign instanceof IncidentKitError).toBe(false);
    expect(isIncidentKitError(foreign)).toBe(true);
    expect(isIncidentKitError(new Error('x'))).toBe(false);
    expect(isIncidentKitError(null)).toBe(false);
    expect(isIncidentKitError({ code: 'NOT_FOUND' })).toBe(false);
  });

  it('lists every bad field of an input, with paths', () => {
    try {
      parseIncident({ id: '', phase: 'lost', milestones: { detectedAt: -1 } });
      expect.unreachable();
    } catch (error) {
      if (!isIncidentKitError(error)) throw error;
      const paths = error.issues.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'incident.id',
          'incident.phase',
          'incident.milestones.detectedAt',
          'incident.title',
        ]),
      );
    }
  });
});
