import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { eventHash } from '../../src/lifecycle/event-hash.js';
import type { IncidentEvent } from '../../src/model/index.js';

const hash = (value: unknown) => eventHash(value as IncidentEvent);

/** The same members in another order, recursively (what a database may hand back). */
function reorder(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, seed));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const rotated = entries.map((_, i) => entries[(i + seed) % entries.length]!);
  return Object.fromEntries(rotated.reverse().map(([k, v]) => [k, reorder(v, seed + 1)]));
}

const json = fc.jsonValue({ maxDepth: 4 });
const event = fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 6 }).map((record) => ({
  ...record,
  type: 'NOTE',
}));

describe('eventHash', () => {
  it('is 16 lowercase hex digits', () => {
    expect(hash({ type: 'NOTE', at: 0, text: 'x' })).toMatch(/^[0-9a-f]{16}$/);
  });

  test.prop([event, fc.nat()])('does not depend on member order, at any depth', (e, seed) => {
    expect(hash(reorder(e, seed))).toBe(hash(e));
  });

  test.prop([event, fc.string({ maxLength: 12 })])('leaves the id out', (e, id) => {
    expect(hash({ ...e, id })).toBe(hash({ ...e, id: undefined }));
  });

  test.prop([event])('counts an undefined member as absent, as JSON does', (e) => {
    expect(hash({ ...e, extra: undefined })).toBe(hash(e));
  });

  test.prop([event, event])('agrees exactly when the JSON content (id left out) agrees', (x, y) => {
    const canonical = (v: unknown) => JSON.stringify(sortKeys({ ...(v as object), id: undefined }));
    fc.pre(canonical(x) !== canonical(y));
    expect(hash(x)).not.toBe(hash(y));
  });

  it('tells values of different kinds and structures apart', () => {
    const variants: unknown[] = [
      1,
      '1',
      true,
      false,
      null,
      0.5,
      -1,
      2 ** 40,
      -(2 ** 40),
      '',
      [],
      {},
      [null],
      [[]],
      [{}],
      { a: 1 },
      { a: '1' },
      { b: 1 },
      [1, 2],
      [2, 1],
      'ab',
      'ba',
      'a\u0000',
      '\ud800',
    ];
    const hashes = variants.map((value) => hash({ type: 'NOTE', value }));
    expect(new Set(hashes).size).toBe(variants.length);
  });

  it('hashes 0 and -0 alike (one JSON number)', () => {
    expect(hash({ type: 'NOTE', at: -0 })).toBe(hash({ type: 'NOTE', at: 0 }));
  });

  it('is stable across releases for a fixed event (stored timeline entries keep it)', () => {
    expect(
      hash({ type: 'NOTE', at: 1_764_000_000_000, text: 'observation', by: 'bob' }),
    ).toMatchInlineSnapshot(`"2c84b34d4995bb90"`);
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
