import { describe, expect, it } from 'vitest';
import { declareIncident, EVENT_TYPES } from '../../src/index.js';
import { didYouMean } from '../../src/internal/did-you-mean.js';
import { safeApplyEvent } from '../../src/lifecycle/index.js';

describe('didYouMean', () => {
  it.each([
    ['acknowledge', 'ACKNOWLEDGE'],
    ['set-severity', 'SET_SEVERITY'],
    ['Post Update', 'POST_UPDATE'],
    ['ACK', 'ACKNOWLEDGE'],
    ['ACKNOWLEGE', 'ACKNOWLEDGE'],
    ['RESOVLE', 'RESOLVE'],
  ])('%s → %s', (given, near) => {
    expect(didYouMean(given, EVENT_TYPES)).toBe(near);
  });

  it.each(['', 'EXPLODE', 'x'.repeat(10_000), 'RE'])('suggests nothing for %j', (given) => {
    expect(didYouMean(given, EVENT_TYPES)).toBeUndefined();
  });
});

describe('messages a user reads', () => {
  const { incident } = declareIncident({ title: 'Checkout errors', at: 0 });
  const reason = (event: unknown) => {
    const result = safeApplyEvent(incident, event as never);
    if (result.ok) throw new Error('expected a refusal');
    return result.error.message;
  };

  it('a lower-case event type gets a did-you-mean', () => {
    expect(reason({ type: 'acknowledge', at: 1 })).toContain(
      'unknown event type "acknowledge"; did you mean "ACKNOWLEDGE"?',
    );
  });

  it('a null event does not read "cannot event"', () => {
    const message = reason(null);
    expect(message).not.toContain('cannot event');
    expect(message).toContain(`cannot apply the event to ${incident.id}`);
    expect(message).toContain('event must be an object');
  });

  it('a bound is said as the bound, never "must be at least 0" for a value of 0', () => {
    expect(reason({ type: 'UPDATE_IMPACT', at: 1, impact: { usersAffectedPct: -1 } })).toContain(
      'usersAffectedPct must be 0 or more',
    );
    expect(
      safeApplyEvent(incident, { type: 'UPDATE_IMPACT', at: 1, impact: { usersAffectedPct: 0 } }).ok,
    ).toBe(true);
  });

  it('never starts with or repeats the code', () => {
    for (const event of [null, { type: 'acknowledge', at: 1 }, { type: 'CLOSE', at: 1 }]) {
      const message = reason(event);
      expect(message.startsWith('INVALID_INPUT')).toBe(false);
      expect(message).not.toMatch(/\b(INVALID_INPUT|INVALID_TRANSITION)\b/);
    }
  });
});
