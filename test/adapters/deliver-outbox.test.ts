/**
 * deliverOutbox and backoffDelay at their boundary: whatever a caller hands over (a hostile store,
 * notifier list, options or thrown value) ends as an IncidentKitError naming the field or as a
 * recorded attempt, never a raw TypeError, and every caller object is read once.
 */
import { describe, expect, it } from 'vitest';
import { backoffDelay, deliverOutbox, memoryStore, type Notifier } from '../../src/adapters/index.js';
import { errorOf } from '../errors.js';
import { recordingNotifier, seedOutbox } from './delivery-contract.js';
import {
  countingObject,
  growingArray,
  revokedProxy,
  sparseArray,
  tenMegabytes,
  throwingGetters,
  throwingProxy,
  unprintable,
} from './hostile.js';
import { at, rejectionOf } from './store-contract.js';

describe('backoffDelay refuses hostile arguments', () => {
  it('names the attempt, a backoff field or random, never leaking a RangeError', () => {
    for (const attempt of [sparseArray(), -1, 1.5, Number.NaN, 10n, '3'])
      expect(errorOf(() => backoffDelay(attempt as never)).issues[0]?.path).toBe('attempt');
    expect(errorOf(() => backoffDelay(1, { jitter: 2 })).issues[0]?.path).toBe('backoff.jitter');
    expect(errorOf(() => backoffDelay(1, { factor: Number.POSITIVE_INFINITY })).issues[0]?.path).toBe(
      'backoff.factor',
    );
    expect(errorOf(() => backoffDelay(1, { baseMs: sparseArray() as never })).issues[0]?.path).toBe(
      'backoff.baseMs',
    );
    expect(errorOf(() => backoffDelay(1, {}, 'random' as never)).issues[0]?.path).toBe('random');
    expect(errorOf(() => backoffDelay(1, {}, () => Number.NaN)).issues[0]?.path).toBe('random');
    expect(errorOf(() => backoffDelay(1, {}, () => 2)).issues[0]?.path).toBe('random');
  });

  it('turns a throwing getter or a throwing random into INVALID_INPUT with the thrown value as cause', () => {
    const thrown = new Error('getter');
    expect(errorOf(() => backoffDelay(1, throwingGetters(['baseMs'], thrown) as never)).cause).toBe(thrown);
    expect(
      errorOf(() =>
        backoffDelay(1, {}, () => {
          throw thrown;
        }),
      ).cause,
    ).toBe(thrown);
  });

  it('still computes the documented delays', () => {
    expect(backoffDelay(3, { baseMs: 1_000, jitter: 0 })).toBe(4_000);
    expect(backoffDelay(1_000_000, { jitter: 0 })).toBe(3_600_000);
    expect(backoffDelay(1, { jitter: 1 }, () => 1)).toBe(1);
  });
});

describe('deliverOutbox refuses hostile arguments', () => {
  const now = at(0);

  it('names a revoked Proxy, a sparse array or a throwing Proxy as the notifiers, with the cause', async () => {
    const store = memoryStore();
    const revoked = await rejectionOf(deliverOutbox(store, revokedProxy() as never, { now }));
    expect(revoked.issues[0]?.path).toBe('notifiers');
    expect(revoked.cause).toBeInstanceOf(TypeError);
    expect((await rejectionOf(deliverOutbox(store, sparseArray() as never, { now }))).issues[0]?.path).toBe(
      'notifiers',
    );
    const thrown = new Error('trap');
    const notifier = await rejectionOf(deliverOutbox(store, [throwingProxy(thrown) as never], { now }));
    expect(notifier.issues[0]?.path).toBe('notifiers[0]');
    expect(notifier.cause).toBe(thrown);
    const unnamed = await rejectionOf(
      deliverOutbox(store, [{ name: 42, send: async () => {} }] as never, { now }),
    );
    expect(unnamed.issues[0]?.path).toBe('notifiers[0].name');
  });

  it('reads a notifier list whose length grows once, and each notifier once', async () => {
    const store = memoryStore();
    await seedOutbox(store, 1, 2, ['a']);
    const a = recordingNotifier('a');
    const { proxy, reads } = growingArray<Notifier>([a], (i) => recordingNotifier(`extra-${i}`));
    const report = await deliverOutbox(store, proxy, { now: at(1) });
    expect(reads.length).toBe(1);
    expect(reads.indexes).toBe(1);
    expect(report.delivered).toBe(2);
    const named = countingObject({ name: 'b', send: async () => {} });
    await deliverOutbox(store, [named.value as Notifier], { now: at(1) });
    expect(named.reads).toEqual({ name: 1, send: 1 });
  });

  it('names a store that is not one, and one whose claim answers something that is not a list', async () => {
    const thrown = new Error('trap');
    const hostile = await rejectionOf(deliverOutbox(throwingProxy(thrown) as never, [], { now }));
    expect(hostile.issues[0]?.path).toBe('store');
    expect(hostile.cause).toBe(thrown);
    expect((await rejectionOf(deliverOutbox({} as never, [], { now }))).issues[0]?.path).toBe('store.claim');
    const liar = { ...memoryStore(), claim: async () => 'rows' };
    expect(
      (await rejectionOf(deliverOutbox(liar as never, [recordingNotifier('a')], { now }))).issues[0]?.path,
    ).toBe('store.claim');
  });

  it('names malformed options, a hostile signal and null options', async () => {
    const store = memoryStore();
    const cases: [string, unknown][] = [
      ['options', null],
      ['options', tenMegabytes()],
      ['options.now', { now: 9e15 }],
      ['options.now', { now: sparseArray() }],
      ['options.leaseMs', { now, leaseMs: 2 ** 31 }],
      ['options.backoff.jitter', { now, backoff: { jitter: -1 } }],
      ['options.random', { now, random: 0.5 }],
      ['options.signal', { now, signal: { aborted: 'no' } }],
    ];
    for (const [path, options] of cases)
      expect((await rejectionOf(deliverOutbox(store, [], options as never))).issues[0]?.path).toBe(path);
    const thrown = new Error('aborted');
    const signal = await rejectionOf(
      deliverOutbox(store, [], { now, signal: throwingGetters(['aborted'], thrown) as never }),
    );
    expect(signal.cause).toBe(thrown);
  });

  it('records whatever a notifier throws as a bounded failure, even a value that cannot be read or printed', async () => {
    const thrownValues: unknown[] = [
      throwingProxy(),
      revokedProxy(),
      unprintable(),
      Symbol('thrown'),
      10n,
      { message: tenMegabytes(), name: tenMegabytes() },
      undefined,
    ];
    for (const thrown of thrownValues) {
      const store = memoryStore();
      await seedOutbox(store, 1, 1, ['n']);
      const failing = recordingNotifier('n', () => {
        throw thrown;
      });
      const report = await deliverOutbox(store, [failing], { now: at(1), random: () => 0 });
      expect(report.retried).toBe(1);
      const error = report.attempts[0]?.error ?? '';
      expect(error.length).toBeGreaterThan(0);
      expect(error.length).toBeLessThanOrEqual(2_000);
    }
  });
});
