import { IncidentKitError, invalidInput, isIncidentKitError } from '../../model/errors.js';
import { MAX_EPOCH_MS, type TimeInput, toEpochMs } from '../../model/time.js';
import type { IncidentFacts } from '../incident-facts.js';

// Hand-written checks: the metrics must not pull zod into a bundle that imports only `mttr`.
// Written to stay small, since `import { mttr }` carries them.

/** An options object after {@link readOptions}: known keys, values still unchecked. */
export type Options = Readonly<Record<string, unknown>>;

/** Milestones (or any record of epoch-ms fields) as read from outside data. */
export type RawMilestones = Readonly<Record<string, unknown>>;

/**
 * Throws `INVALID_INPUT` at `path` ("expected …") unless `ok`. Hot loops write `if (!ok) fail(…)`
 * instead, so the path string is only built for the error.
 */
export function need(ok: unknown, path: string, what: string): void {
  if (!ok) fail(path, what);
}

export function fail(path: string, what: string): never {
  throw invalidInput(path, `expected ${what}`);
}

export function isObject(value: unknown): value is Options {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The most incidents (or pages) one call takes, and the most entries of a list inside one incident
 * or option. Checked before anything is iterated or allocated: a sparse array of length 2³² − 1
 * costs nothing to make and would otherwise cost minutes, or the process, to walk.
 */
export const MAX_INCIDENTS = 10_000_000;
export const MAX_LIST = 10_000;

/**
 * The options object (`{}` when undefined), copied: each own key read once, so a getter that
 * changes between reads cannot make two checks see two values. Rejects other types and unknown keys,
 * which are typos.
 */
export function readOptions(value: unknown, path: string, known: readonly string[]): Options {
  need(value === undefined || isObject(value), path, 'an object');
  const o: Record<string, unknown> = {};
  for (const key of Object.keys(value ?? o)) {
    need(known.includes(key), `${path}.${key}`, `one of ${known}`);
    o[key] = (value as Options)[key];
  }
  return o;
}

/** A list from outside data, copied (each entry read once) after checking its length. */
export function readList(value: unknown, path: string, max: number): unknown[] {
  const n = Array.isArray(value) ? value.length : -1;
  need(n >= 0 && n <= max, path, `an array of at most ${max}`);
  const list: unknown[] = [];
  for (let k = 0; k < n; k++) list.push((value as unknown[])[k]);
  return list;
}

/**
 * Runs a calculator over caller data. Anything other than our own error thrown while it runs comes
 * from the caller's objects — a throwing getter, a Proxy trap, a `filter` or `key` callback — since
 * on plain data the calculators throw nothing else (the fuzz suite checks that no plain input ever
 * reaches this): it becomes one `INVALID_INPUT` at `where()` with the thrown value as `cause`.
 */
export function guarded<R>(run: () => R, where: () => string): R {
  try {
    return run();
  } catch (error) {
    return unreadable(error, where());
  }
}

/**
 * The `catch` of {@link guarded}, for hot loops that keep their index in a plain local (one a
 * closure captured would live on the heap, and every iteration would pay for it).
 */
export function unreadable(error: unknown, path: string): never {
  if (isIncidentKitError(error)) throw error;
  throw new IncidentKitError('INVALID_INPUT', `${path}: could not be read`, {
    issues: [{ path, message: 'could not be read (a getter, a Proxy or a callback threw)' }],
    cause: error,
  });
}

export function readTime(o: Options, key: string, path: string): number | undefined {
  const value = o[key];
  return value === undefined ? value : toEpochMs(value as TimeInput, `${path}.${key}`);
}

/** An optional option of the given `typeof` (`'boolean'`, `'function'`). */
export function readTyped<T>(o: Options, key: string, path: string, type: string): T | undefined {
  const value = o[key];
  need(value === undefined || typeof value === type, `${path}.${key}`, `a ${type}`);
  return value as T | undefined;
}

/** A string or a list of strings, as a set; `undefined` when absent. */
export function readStringSet(o: Options, key: string, path: string): ReadonlySet<string> | undefined {
  const value = o[key];
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? readList(value, `${path}.${key}`, MAX_LIST) : [value];
  need(
    list.every((s) => typeof s === 'string'),
    `${path}.${key}`,
    'strings',
  );
  return new Set(list as string[]);
}

export function readChoice<T extends string>(
  o: Options,
  key: string,
  path: string,
  choices: readonly T[],
  fallback?: T,
): T {
  const value = o[key] ?? fallback;
  need(choices.includes(value as T), `${path}.${key}`, `one of ${choices}`);
  return value as T;
}

export function readNumber(
  o: Options,
  key: string,
  path: string,
  min: number,
  max: number,
  integer?: boolean,
): number | undefined {
  const value = o[key];
  need(
    value === undefined ||
      (typeof value === 'number' && value >= min && value <= max && (!integer || Number.isInteger(value))),
    `${path}.${key}`,
    `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`,
  );
  return value as number | undefined;
}

/** The incidents list and its length, read once (a Proxy whose length grows does not grow the loop). */
export function readIncidents(value: unknown, path = 'incidents'): [readonly IncidentFacts[], number] {
  const n = Array.isArray(value) ? value.length : -1;
  need(n >= 0 && n <= MAX_INCIDENTS, path, `an array of at most ${MAX_INCIDENTS}`);
  return [value as readonly IncidentFacts[], n];
}

/** The milestones of `incidents[i]`, after checking that both are objects. */
export function milestonesOf(incident: unknown, i: number): RawMilestones {
  const m = isObject(incident) && incident.milestones;
  if (!isObject(m)) fail(`incidents[${i}].milestones`, 'an object');
  return m as RawMilestones;
}

/**
 * A time read from outside data (`incidents[i].<where>.<key>`): integer epoch ms from 0 to
 * MAX_EPOCH_MS (the fast path), a `Date` or an ISO string with an offset; `undefined` when absent.
 * Hot loops read the property themselves, with a constant name, and pass the value: a shared
 * `record[key]` would turn megamorphic.
 */
export function epochOf(
  value: unknown,
  i: number,
  key: string,
  required?: boolean,
  where = 'milestones',
): number | undefined {
  // The fast path, inline: no closure for the path is made unless the value needs parsing.
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_EPOCH_MS)
    return value;
  return value === undefined && !required
    ? value
    : toEpochMs(value as TimeInput, `incidents[${i}].${where}.${key}`);
}

/**
 * An optional field of an incident (read by the caller, with a constant name) of the given type;
 * an array of at most MAX_LIST entries.
 */
export function fieldOf<T>(value: unknown, i: number, key: string, type: 'array' | 'string'): T | undefined {
  if (
    value !== undefined &&
    !(type === 'array' ? Array.isArray(value) && value.length <= MAX_LIST : typeof value === type)
  )
    fail(`incidents[${i}].${key}`, type === 'array' ? `an array of at most ${MAX_LIST}` : `a ${type}`);
  return value as T | undefined;
}

/** An empty list, shared, so a missing list costs no allocation. */
export const NONE: readonly never[] = [];

/** `null` for an empty ratio, so "no data" never reads as 0 %. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The required `now` option. */
export function readNow(o: Options): number {
  const now = readTime(o, 'now', 'options');
  need(now !== undefined, 'options.now', 'a time');
  return now!;
}

/** An epoch-ms field of a record that may be absent (`postmortem`, `reopens[k].previous`). */
export function epochIn(record: unknown, key: string, i: number, where: string): number | undefined {
  if (record !== undefined && !isObject(record)) fail(`incidents[${i}].${where}`, 'an object');
  return record === undefined ? undefined : epochOf((record as RawMilestones)[key], i, key, false, where);
}

/**
 * The first value a field had before REOPENs cleared it: `reopens` are oldest first, and each keeps
 * what it cleared in `previous` (milestones) and `postmortem`. `undefined` when none had it.
 */
export function firstCleared(
  incident: IncidentFacts,
  i: number,
  record: 'previous' | 'postmortem',
  key: string,
): number | undefined {
  const reopens = fieldOf<readonly unknown[]>(incident.reopens, i, 'reopens', 'array') ?? NONE;
  for (let k = 0; k < reopens.length; k++) {
    if (!isObject(reopens[k])) fail(`incidents[${i}].reopens[${k}]`, 'an object');
    const value = epochIn((reopens[k] as Options)[record], key, i, `reopens[${k}].${record}`);
    if (value !== undefined) return value;
  }
  return undefined;
}
