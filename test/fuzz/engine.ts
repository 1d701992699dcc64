/**
 * The fuzz engine shared by `npm test` (test/fuzz/fuzz.test.ts) and `npm run fuzz`
 * (test/fuzz/cli.ts): feeds one entry point the fixed hostile corpus in every shape it takes, then
 * random inputs up to a count, and records what escaped. After every call it checks that no
 * built-in prototype gained a property (the full identity check of every property runs once per
 * entry point: it is too slow to run a hundred thousand times). A Promise is awaited with a
 * timeout; a synchronous call longer than {@link HANG_MS} counts as a hang.
 */
import fc from 'fast-check';
import { isIncidentKitError } from '../../src/index.js';
import { type EntryPoint, type Shape, shapesOf } from './entry-points.js';
import { describeInput, hostileValues, randomInput } from './hostile-values.js';

/** A call this long is a hang, not a slow call: the inputs are bounded, so linear work is far below it. */
export const HANG_MS = 10_000;
/** How long a returned Promise may stay pending. */
export const PROMISE_TIMEOUT_MS = 5_000;

/** What escaped from one call. */
export interface Escape {
  readonly entry: string;
  readonly shape: string;
  readonly input: string;
  readonly problem: string;
}

/** The row `npm run fuzz` prints per entry point. */
export interface EntryReport {
  readonly entry: string;
  readonly inputs: number;
  readonly nonKitErrors: number;
  readonly slowestMs: number;
  readonly slowestInput: string;
  readonly escapes: readonly Escape[];
}

const BUILT_INS: readonly (readonly [string, object])[] = (() => {
  const list: [string, object][] = [];
  const ctors = {
    Object,
    Function,
    Array,
    String,
    Number,
    Boolean,
    Symbol,
    BigInt,
    Date,
    RegExp,
    Error,
    TypeError,
    RangeError,
    SyntaxError,
    Map,
    Set,
    WeakMap,
    WeakSet,
    Promise,
    ArrayBuffer,
    DataView,
    Uint8Array,
  } as const;
  for (const [name, ctor] of Object.entries(ctors)) {
    list.push([name, ctor], [`${name}.prototype`, ctor.prototype as object]);
  }
  list.push(
    ['TypedArray.prototype', Object.getPrototypeOf(Uint8Array.prototype) as object],
    ['Iterator.prototype', Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object],
    ['ArrayIterator.prototype', Object.getPrototypeOf([][Symbol.iterator]()) as object],
    ['JSON', JSON],
    ['Math', Math],
    ['Reflect', Reflect],
  );
  return list;
})();

type Fingerprint = readonly (readonly [PropertyKey, unknown, unknown, unknown])[];

function fingerprint(target: object): Fingerprint {
  return Reflect.ownKeys(target).map((key) => {
    const d = Object.getOwnPropertyDescriptor(target, key)!;
    return [key, d.value, d.get, d.set] as const;
  });
}

const keyCounts = BUILT_INS.map(([, target]) => Reflect.ownKeys(target).length);
const prints = BUILT_INS.map(([, target]) => fingerprint(target));
const OBJECT_PROTOTYPE = BUILT_INS.findIndex(([name]) => name === 'Object.prototype');

/** After each call: no built-in gained or lost a property, and Object.prototype is exactly as it was. */
export function quickPollution(): string | undefined {
  for (let i = 0; i < BUILT_INS.length; i++) {
    if (Reflect.ownKeys(BUILT_INS[i]![1]).length !== keyCounts[i])
      return `${BUILT_INS[i]![0]} gained or lost a property`;
  }
  return fullPollutionOf(OBJECT_PROTOTYPE);
}

function fullPollutionOf(i: number): string | undefined {
  const [name, target] = BUILT_INS[i]!;
  const now = fingerprint(target);
  const before = prints[i]!;
  if (now.length !== before.length) return `${name} gained or lost a property`;
  for (let k = 0; k < now.length; k++) {
    const [key, value, get, set] = now[k]!;
    const [key0, value0, get0, set0] = before[k]!;
    if (key !== key0 || !Object.is(value, value0) || get !== get0 || set !== set0)
      return `${name}.${String(key)} was changed`;
  }
  return undefined;
}

/** Every property of every built-in, compared by identity with the start of the run. */
export function fullPollution(): string | undefined {
  for (let i = 0; i < BUILT_INS.length; i++) {
    const problem = fullPollutionOf(i);
    if (problem) return problem;
  }
  return undefined;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return (
      (typeof value === 'object' || typeof value === 'function') &&
      value !== null &&
      typeof (value as { then?: unknown }).then === 'function'
    );
  } catch {
    return false;
  }
}

const TIMED_OUT = Symbol('timed out');

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 200)}`;
  return `thrown ${typeof error}: ${describeInput(error)}`;
}

/** Runs one call; returns what went wrong (undefined when it returned or threw an IncidentKitError) and its time. */
async function callOnce(shape: Shape, input: unknown): Promise<{ problem: string | undefined; ms: number }> {
  const start = performance.now();
  let problem: string | undefined;
  try {
    const result = shape.call(input);
    if (isThenable(result)) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settled = await Promise.race([
        Promise.resolve(result).then(
          () => undefined,
          (error: unknown) => error,
        ),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(TIMED_OUT), PROMISE_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
      if (settled === TIMED_OUT) problem = `Promise still pending after ${PROMISE_TIMEOUT_MS} ms`;
      else if (settled !== undefined && !isIncidentKitError(settled))
        problem = `rejected: ${describeError(settled)}`;
    }
  } catch (error) {
    if (!isIncidentKitError(error)) problem = describeError(error);
  }
  const ms = performance.now() - start;
  if (problem === undefined && ms > HANG_MS) problem = `hang: ${Math.round(ms)} ms`;
  const polluted = quickPollution();
  if (polluted) problem = `${problem ? `${problem}; ` : ''}prototype pollution: ${polluted}`;
  return { problem, ms };
}

/**
 * Fuzzes one entry point: every fixed hostile value in every shape, then random inputs (shapes in
 * turn) until `inputs` calls have run in total. `seed` makes the random part repeatable.
 */
export async function fuzzEntryPoint(
  entry: EntryPoint,
  inputs: number,
  seed: number,
  progress?: (shape: string, label: string) => void,
): Promise<EntryReport> {
  const shapes = shapesOf(entry);
  const escapes: Escape[] = [];
  let count = 0;
  let nonKit = 0;
  let slowestMs = 0;
  let slowestInput = '';
  const trace = process.env.FUZZ_TRACE !== undefined;
  const record = async (shape: Shape, input: unknown, label: string) => {
    if (trace) process.stderr.write(`${entry.name} [${shape.label}] ${label}\n`);
    progress?.(shape.label, label);
    const { problem, ms } = await callOnce(shape, input);
    count++;
    if (ms > slowestMs) {
      slowestMs = ms;
      slowestInput = `${shape.label} ← ${label}`;
    }
    if (problem === undefined) return;
    nonKit++;
    // Keep the first few for the report; the count says how many there were.
    if (escapes.length < 20)
      escapes.push({ entry: `${entry.subpath}/${entry.name}`, shape: shape.label, input: label, problem });
  };
  for (const shape of shapes)
    for (const { label, value } of hostileValues()) await record(shape, value, label);
  const remaining = Math.max(0, inputs - count);
  if (remaining > 0) {
    const values = fc.sample(randomInput, { numRuns: remaining, seed });
    for (let i = 0; i < values.length; i++) {
      const shape = shapes[i % shapes.length]!;
      await record(shape, values[i], describeInput(values[i]));
    }
  }
  const full = fullPollution();
  if (full) {
    nonKit++;
    escapes.push({
      entry: `${entry.subpath}/${entry.name}`,
      shape: '(after all)',
      input: '',
      problem: `prototype pollution: ${full}`,
    });
  }
  return {
    entry: `${entry.subpath}/${entry.name}`,
    inputs: count,
    nonKitErrors: nonKit,
    slowestMs,
    slowestInput,
    escapes,
  };
}

/** Replaces the global fetch so nothing fuzzed can reach the network; returns the restore function. */
export function withoutNetwork(): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (() => Promise.reject(new TypeError('fuzz: no network'))) as typeof fetch;
  return () => {
    globalThis.fetch = original;
  };
}

/** The markdown table `npm run fuzz` prints. */
export function reportTable(reports: readonly EntryReport[]): string {
  const lines = [
    '| entry point | inputs | non-kit errors | slowest call (ms) | slowest input |',
    '|---|---:|---:|---:|---|',
  ];
  for (const r of reports)
    lines.push(
      `| ${r.entry} | ${r.inputs} | ${r.nonKitErrors} | ${r.slowestMs.toFixed(1)} | ${r.slowestInput.replaceAll('|', '\\|').slice(0, 80)} |`,
    );
  return lines.join('\n');
}
