/**
 * The fuzz corpus: a fixed list of hostile values (the shapes an adversarial audit found to hang,
 * abort or leak a raw error, issue 13), built once per process because some are large, and a small
 * random arbitrary that mixes JSON with the hostile kinds at ordinary sizes.
 */
import fc from 'fast-check';
import { EVENT_TYPES } from '../../src/index.js';

/** A value with the name a failure report shows for it. */
export interface Labelled {
  readonly label: string;
  readonly value: unknown;
}

function sparse(length: number): unknown[] {
  const list: unknown[] = [];
  list.length = length;
  return list;
}

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function deepObject(depth: number): unknown {
  let value: unknown = { type: 'NOTE', at: 1, text: 'x' };
  for (let i = 0; i < depth; i++) value = { a: value, type: 'NOTE', text: 'x' };
  return value;
}

/** An object whose every read throws (a Proxy with throwing traps), like a revoked handle or a hostile wrapper. */
function throwingProxy(thrown: () => unknown): unknown {
  const trap = () => {
    throw thrown();
  };
  return new Proxy(
    {},
    { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap },
  );
}

/** An array Proxy whose `length` grows by one at every read: a loop re-reading it never ends. */
function growingArray(): unknown {
  let length = 1;
  return new Proxy([{ type: 'NOTE', at: 1, text: 'x' }], {
    get(target, key, receiver) {
      if (key === 'length') return length++;
      if (typeof key === 'string' && /^\d+$/.test(key))
        return { type: 'NOTE', at: Number(key) + 1, text: 'x' };
      return Reflect.get(target, key, receiver);
    },
  });
}

/** Getters that answer differently each time: a valid value on the first read, a bad one after. */
function shiftingObject(): unknown {
  let reads = 0;
  const shifty = () => (reads++ === 0 ? 'NOTE' : 42);
  return {
    get type() {
      return shifty();
    },
    at: 1,
    text: 'x',
    get title() {
      return reads++ === 0 ? 'ok' : { toString: 42 };
    },
    get timeline() {
      return reads++ === 0 ? [] : sparse(2 ** 32 - 1);
    },
  };
}

function throwingGetters(): unknown {
  const value: Record<string, unknown> = {};
  for (const key of [
    'type',
    'at',
    'id',
    'title',
    'text',
    'timeline',
    'milestones',
    'phase',
    'message',
    'kind',
  ]) {
    Object.defineProperty(value, key, {
      enumerable: true,
      get() {
        throw new Error(`getter ${key} threw`);
      },
    });
  }
  return value;
}

let fixed: readonly Labelled[] | undefined;

/**
 * How big the big values are. `npm run fuzz` (and FUZZ_SIZE=full) uses the sizes — 10 MB
 * strings, arrays of 1e6; the run inside `npm test` (FUZZ_SIZE=small) uses 1 MB and 1e5, which
 * exercise the same code paths (every bound in src/ is far below both) at a tenth of the time. The
 * sparse array of 2³²−1 and the 1e5-deep nestings are the same in both: refusing them is cheap.
 */
const SMALL = process.env.FUZZ_SIZE === 'small';
const BIG_STRING = SMALL ? 1024 * 1024 : 10 * 1024 * 1024;
const BIG_ARRAY = SMALL ? 100_000 : 1_000_000;
const MB = `${BIG_STRING / (1024 * 1024)} MB`;
const N = SMALL ? '1e5' : '1e6';

/**
 * The fixed hostile corpus. Every entry point gets every one of these (in each argument position
 * it takes), so they are few: the big strings and arrays are built once and shared.
 */
export function hostileValues(): readonly Labelled[] {
  if (fixed) return fixed;
  const big = BIG_STRING;
  const nullProto = Object.create(null) as Record<string, unknown>;
  const nullProtoEvent = Object.assign(Object.create(null) as object, { type: 'NOTE', at: 1, text: 'x' });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  fixed = [
    { label: 'sparse array of 2³²−1', value: sparse(2 ** 32 - 1) },
    { label: `array of ${N} zeros`, value: new Array(BIG_ARRAY).fill(0) },
    { label: `array of ${N} strings`, value: new Array(BIG_ARRAY).fill('SEV1') },
    { label: 'array nested 1e5 deep', value: deepArray(100_000) },
    { label: 'object nested 1e5 deep', value: deepObject(100_000) },
    { label: `${MB} of letters`, value: 'a'.repeat(big) },
    { label: `${MB} of whitespace`, value: ' \n\t'.repeat(Math.floor(big / 3)) },
    { label: `{{ then ${MB} of spaces`, value: `{{${' '.repeat(big)}` },
    { label: 'null-prototype object', value: nullProto },
    { label: 'null-prototype event', value: nullProtoEvent },
    {
      label: '__proto__ JSON',
      value: JSON.parse(
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"type":"NOTE","at":1,"text":"x"}',
      ),
    },
    { label: 'throwing getters', value: throwingGetters() },
    { label: 'Proxy throwing an Error', value: throwingProxy(() => new Error('trap')) },
    { label: 'Proxy throwing a string', value: throwingProxy(() => 'trap') },
    { label: 'Proxy throwing undefined', value: throwingProxy(() => undefined) },
    { label: 'revoked Proxy', value: revoked.proxy },
    { label: 'array Proxy whose length grows', value: growingArray() },
    { label: 'getters that change between reads', value: shiftingObject() },
    {
      label: 'Symbol.toPrimitive that throws',
      value: {
        [Symbol.toPrimitive]() {
          throw new Error('toPrimitive');
        },
      },
    },
    { label: 'BigInt', value: 10n },
    { label: 'Symbol', value: Symbol('hostile') },
    { label: '−0', value: -0 },
    { label: '9e15', value: 9e15 },
    { label: 'NaN', value: Number.NaN },
    { label: 'Infinity', value: Number.POSITIVE_INFINITY },
    { label: 'lone high surrogate', value: '\uD800' },
    { label: 'lone low surrogate in text', value: 'ok \uDC00 ok' },
    { label: 'a function', value: () => 1 },
    { label: 'null', value: null },
    { label: 'undefined', value: undefined },
  ];
  return fixed;
}

const interestingStrings = fc.constantFrom(
  '',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'SEV1',
  'P0',
  'UTC',
  'Europe/Berlin',
  'Not/A_Zone+05',
  '+25:00',
  '2026-11-24T09:00:00Z',
  '2026-02-30T00:00:00Z',
  'https://example.com/x',
  'javascript:alert(1)',
  '\uD800',
  'a\uDFFFb',
  '<script>alert(1)</script>',
  '*bold* _x_ `code` [l](https://evil.example)',
  '\u00A0# heading',
  'commander',
);

const interestingNumbers = fc.constantFrom(
  -0,
  0,
  1,
  -1,
  0.5,
  9e15,
  2 ** 53,
  253402300799999,
  253402300800000,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MAX_VALUE,
  1e308,
);

/** Small random inputs: JSON, the hostile kinds at ordinary sizes, and event-like records. */
export const randomInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({
    maxDepth: 2,
    maxKeys: 4,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  interestingStrings,
  interestingNumbers,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant(Symbol('random')),
  fc.bigInt(),
  fc.record(
    {
      type: fc.constantFrom(...EVENT_TYPES, 'toString', '__proto__', 42),
      at: fc.oneof(fc.integer(), interestingNumbers, interestingStrings),
      id: fc.oneof(fc.string({ maxLength: 8 }), interestingStrings),
      text: fc.oneof(fc.string({ maxLength: 40 }), interestingStrings),
      title: fc.oneof(fc.string({ maxLength: 40 }), interestingStrings),
      severity: fc.oneof(interestingStrings, fc.jsonValue({ maxDepth: 1 })),
      role: interestingStrings,
      assignee: interestingStrings,
      message: fc.oneof(fc.string({ maxLength: 40 }), interestingStrings),
    },
    { requiredKeys: [] },
  ),
);

/** A short description of an input for a failure report (never the whole 10 MB). */
export function describeInput(value: unknown): string {
  try {
    if (typeof value === 'symbol' || typeof value === 'bigint' || typeof value === 'function')
      return `${typeof value} ${String(value)}`;
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 160 ? `${text.slice(0, 160)}… (${text.length} chars)` : text;
  } catch (error) {
    return `<unprintable: ${error instanceof Error ? error.message : typeof error}>`;
  }
}
