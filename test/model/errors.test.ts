import { describe, expect, it } from 'vitest';
import { ERROR_CODES, IncidentKitError, isIncidentKitError, parseIncident } from '../../src/index.js';

describe('IncidentKitError', () => {
  it('carries a stable code, the issues and the message prefixed with the code', () => {
    const error = new IncidentKitError('INVALID_INPUT', 'event.at: no offset', {
      issues: [{ path: 'event.at', message: 'no offset' }],
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IncidentKitError');
    expect(error.message).toBe('INVALID_INPUT: event.at: no offset');
    expect(error.issues).toEqual([{ path: 'event.at', message: 'no offset' }]);
    expect(ERROR_CODES).toContain(error.code);
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
