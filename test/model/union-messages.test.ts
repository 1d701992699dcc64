import { describe, expect, it } from 'vitest';
import { declareIncident, reviewWindow } from '../../src/index.js';
import { errorOf } from '../errors.js';

describe('a value no branch of a union of scalars takes', () => {
  it('is told what each branch would take, not only the first', () => {
    const { incident } = declareIncident({ title: 'DB failover', at: 0 });
    const [issue] = errorOf(() => reviewWindow(incident, { workingDays: ['monday'] } as never)).issues;
    expect(issue?.path).toBe('options.workingDays[0]');
    expect(issue?.message).toBe('must be a number or one of "sun", "mon", "tue", "wed", "thu", "fri", "sat"');
  });
});
