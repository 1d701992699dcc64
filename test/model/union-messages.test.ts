import { describe, expect, it } from 'vitest';
import { declareIncident, isIncidentKitError, reviewWindow } from '../../src/index.js';

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isIncidentKitError(error)) return error.issues;
    throw error;
  }
  throw new Error('expected an IncidentKitError');
};

describe('a value no branch of a union of scalars takes', () => {
  it('is told what each branch would take, not only the first', () => {
    const { incident } = declareIncident({ title: 'DB failover', at: 0 });
    const [issue] = issuesOf(() => reviewWindow(incident, { workingDays: ['monday'] } as never));
    expect(issue?.path).toBe('options.workingDays[0]');
    expect(issue?.message).toBe('must be a number or one of "sun", "mon", "tue", "wed", "thu", "fri", "sat"');
  });
});
