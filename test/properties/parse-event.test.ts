import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncidentEventSchema } from '../../src/index.js';
import { parseStoredEvent } from '../../src/lifecycle/parse-event.js';
import { eventLogArb, RUNS } from '../arbitraries.js';

/** Stored-form events, then the same events with one field broken or added. */
const mutatedArb = fc
  .tuple(
    eventLogArb,
    fc.nat(),
    fc.constantFrom('none', 'drop', 'extra', 'long', 'empty', 'number', 'undefined', 'proto'),
  )
  .map(([log, pick, how]) => {
    const event = { ...(log[pick % log.length] as Record<string, unknown>) };
    const keys = Object.keys(event).filter((k) => k !== 'type');
    const key = keys[pick % Math.max(1, keys.length)] ?? 'at';
    switch (how) {
      case 'drop':
        delete event[key];
        break;
      case 'extra':
        event.surprise = 1;
        break;
      case 'long':
        event[key] = 'x'.repeat(20_000);
        break;
      case 'empty':
        event[key] = '';
        break;
      case 'number':
        event[key] = 1.5;
        break;
      case 'undefined':
        event[key] = undefined;
        break;
      case 'proto':
        return Object.assign(Object.create({ inherited: true }), event);
      default:
        break;
    }
    return event;
  });

describe('the stored-event fast path', () => {
  it('accepts only what zod accepts, with the same parsed value', () => {
    fc.assert(
      fc.property(mutatedArb, (event) => {
        const fast = parseStoredEvent(event);
        const slow = IncidentEventSchema.safeParse(event);
        if (fast !== undefined) {
          expect(slow.success).toBe(true);
          expect(fast).toStrictEqual(slow.data);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('takes most stored-form events of the kinds it knows', () => {
    let fast = 0;
    let known = 0;
    for (const log of fc.sample(eventLogArb, 200)) {
      for (const event of log) {
        if (
          !['NOTE', 'POST_UPDATE', 'ASSIGN_ROLE', 'ACKNOWLEDGE', 'MITIGATE'].includes(event.type) ||
          typeof event.at !== 'number'
        )
          continue;
        if (!IncidentEventSchema.safeParse(event).success) continue;
        known++;
        if (parseStoredEvent(event) !== undefined) fast++;
      }
    }
    expect(fast / known).toBeGreaterThan(0.99);
  });
});
