import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainObject } from '../../src/model/plain-object.js';

describe('isPlainObject', () => {
  it('is true exactly for the objects JSON.parse makes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
        expect(isPlainObject(parsed)).toBe(isObject);
      }),
    );
  });

  it('takes objects with no prototype and refuses class instances and built-ins', () => {
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject({ a: 1 })).toBe(true);
    for (const value of [new Date(0), new Map(), [], new (class Point {})(), /x/, () => ({})])
      expect(isPlainObject(value)).toBe(false);
  });

  it('answers false, never a throw, for a Proxy whose traps throw', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(isPlainObject(proxy)).toBe(false);
    const lying = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(isPlainObject(lying)).toBe(false);
    // A Proxy of a plain object that claims another prototype is not read as plain.
    expect(isPlainObject(new Proxy({}, { getPrototypeOf: () => Date.prototype }))).toBe(false);
  });
});
