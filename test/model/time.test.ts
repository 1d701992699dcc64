import { describe, expect, it } from 'vitest';
import { checkTime, isImpactUnknown, isIncidentKitError, toEpochMs } from '../../src/index.js';
import { errorOf } from '../errors.js';

describe('toEpochMs', () => {
  it('accepts Date, ISO with Z or offset, and epoch ms', () => {
    expect(toEpochMs('2026-11-24T09:00:00Z')).toBe(Date.UTC(2026, 10, 24, 9));
    expect(toEpochMs('2026-11-24T10:00:00+01:00')).toBe(Date.UTC(2026, 10, 24, 9));
    expect(toEpochMs('2026-11-24T04:00-05:00')).toBe(Date.UTC(2026, 10, 24, 9));
    expect(toEpochMs(new Date(Date.UTC(2026, 10, 24, 9)))).toBe(Date.UTC(2026, 10, 24, 9));
    expect(toEpochMs(0)).toBe(0);
    expect(toEpochMs('2026-11-24T09:00:00.123456Z')).toBe(Date.UTC(2026, 10, 24, 9) + 123);
  });

  it.each([
    ['an ISO string without offset', '2026-11-24T09:00:00', /no offset/],
    ['a date without time', '2026-11-24', /no offset/],
    ['an impossible calendar date', '2026-02-30T00:00:00Z', /not a valid calendar/],
    ['a non-leap Feb 29', '2026-02-29T00:00:00Z', /not a valid calendar/],
    ['NaN', Number.NaN, /finite/],
    ['Infinity', Number.POSITIVE_INFINITY, /finite/],
    ['a fraction', 1.5, /whole/],
    ['a negative number', -1, /negative/],
    ['an invalid Date', new Date('nope'), /invalid Date/],
    ['garbage', 'yesterday', /ISO-8601/],
  ])('rejects %s with INVALID_INPUT naming the path', (_label, value, message) => {
    const error = errorOf(() => toEpochMs(value as never, 'event.at'));
    expect(isIncidentKitError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'event.at' }] });
    expect((error as Error).message).toMatch(message);
  });

  it('accepts Feb 29 in a leap year', () => {
    expect(toEpochMs('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
  });
});

describe('toEpochMs and checkTime fed hostile objects (issue 13 §2)', () => {
  const trap = () => {
    throw new Error('trap');
  };
  const throwingProxy = new Proxy(
    {},
    { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap },
  );

  it('reads a Date by its internal slot: no trap, getter or override of the caller runs', () => {
    class Sneaky extends Date {
      override getTime(): number {
        throw new Error('override');
      }
    }
    const at = Date.UTC(2026, 10, 24, 9);
    expect(toEpochMs(new Sneaky(at))).toBe(at);
    expect(checkTime(new Sneaky(at))).toEqual({ ok: true, ms: at });
    // A Proxy around a real Date is not a Date (and its traps never run).
    expect(checkTime(new Proxy(new Date(at), { getPrototypeOf: trap }))).toMatchObject({ ok: false });
  });

  it.each([
    ['a Proxy whose every trap throws', throwingProxy],
    [
      'a revoked Proxy',
      (() => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      })(),
    ],
    ['a Symbol', Symbol('t')],
    ['a BigInt', 10n],
    ['a null-prototype object', Object.create(null)],
    ['9e15', 9e15],
    ['-0 as a string', '-0'],
  ])('%s: checkTime says no and toEpochMs is INVALID_INPUT', (_label, value) => {
    expect(checkTime(value)).toMatchObject({ ok: false });
    const error = errorOf(() => toEpochMs(value as never, 'event.at'));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'event.at' }] });
  });

  it('names a default path when the path given is not a string', () => {
    expect(errorOf(() => toEpochMs(-1, Symbol('p') as never)).issues[0]?.path).toBe('time');
  });
});

describe('isImpactUnknown', () => {
  it('is true for an impact that states nothing, false once anything is stated', () => {
    expect(isImpactUnknown(undefined)).toBe(true);
    expect(isImpactUnknown({})).toBe(true);
    expect(isImpactUnknown({ regions: [] })).toBe(true);
    expect(isImpactUnknown({ attributes: {} })).toBe(true);
    expect(isImpactUnknown({ degraded: false })).toBe(false);
    expect(isImpactUnknown({ regions: ['eu-west-1'] })).toBe(false);
    expect(isImpactUnknown({ attributes: { tier: 'gold' } })).toBe(false);
  });

  it('reads the impact once and refuses what is not one with INVALID_INPUT (the thrown value as cause)', () => {
    const thrown = new Error('trap');
    const trap = () => {
      throw thrown;
    };
    const proxy = new Proxy(
      {},
      { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap },
    );
    const error = errorOf(() => isImpactUnknown(proxy as never));
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(error.cause).toBe(thrown);
    expect(errorOf(() => isImpactUnknown({ usersAffectedPct: 150 }))).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'impact.usersAffectedPct' }],
    });
    expect(errorOf(() => isImpactUnknown(42 as never)).code).toBe('INVALID_INPUT');
    const sparse: string[] = [];
    sparse.length = 2 ** 32 - 1;
    expect(errorOf(() => isImpactUnknown({ regions: sparse })).code).toBe('INVALID_INPUT');
  });
});

describe('long time strings', () => {
  it('refuses a string far longer than any date-time before trimming or matching it', () => {
    const error = errorOf(() => toEpochMs(`2026-11-24T09:00:00Z${' '.repeat(10_000_000)}`, 'at'));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'at' }] });
    expect(toEpochMs(`  2026-11-24T09:00:00Z  `)).toBe(Date.UTC(2026, 10, 24, 9));
  });
});
